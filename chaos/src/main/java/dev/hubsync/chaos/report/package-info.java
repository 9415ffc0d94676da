/**
 * The printed report: throughput, HubSpot calls per change, convergence time, and every
 * violation with its record, its sync log and the seed.
 */
@NullMarked
package dev.hubsync.chaos.report;

import org.jspecify.annotations.NullMarked;
