/**
 * The bulk sync: links records that exist on one side only, through the normal pipeline.
 */
@NullMarked
package dev.hubsync.worker.bulk;

import org.jspecify.annotations.NullMarked;
