/**
 * The mappings in force: followed from the compacted mapping topic, compiled against the
 * platform tables' column types.
 */
@NullMarked
package dev.hubsync.worker.mapping;

import org.jspecify.annotations.NullMarked;
