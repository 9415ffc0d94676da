/**
 * The dev stack: one command that starts the whole system on embedded defaults (real
 * Kafka on 9092, the demo PostgreSQL on 55432, and, as they are built, the HubSpot
 * emulator and every service), keeps its state under one data directory and stops
 * everything on Ctrl-C.
 */
@NullMarked
package dev.hubsync.devstack;

import org.jspecify.annotations.NullMarked;
