/**
 * Publication of mapping versions to the compacted mapping topic.
 */
@NullMarked
package dev.hubsync.mappingservice.publish;

import org.jspecify.annotations.NullMarked;
