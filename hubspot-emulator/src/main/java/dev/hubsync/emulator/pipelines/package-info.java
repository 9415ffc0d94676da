/**
 * Pipelines and their stages (tickets' default pipeline), read through the pipelines API
 * and enforced on ticket writes: a new ticket lands in the default pipeline unless it
 * names one, and its stage must belong to its pipeline.
 */
@NullMarked
package dev.hubsync.emulator.pipelines;

import org.jspecify.annotations.NullMarked;
