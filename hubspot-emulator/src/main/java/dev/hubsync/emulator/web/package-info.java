/**
 * What the emulator's filters share about requests.
 */
@NullMarked
package dev.hubsync.emulator.web;

import org.jspecify.annotations.NullMarked;
