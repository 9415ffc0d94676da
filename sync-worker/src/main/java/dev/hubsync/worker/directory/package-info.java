/**
 * What the mapping's {@code owner} and {@code stage} transforms look values up in:
 * HubSpot's owners matched to the product's users by email, and the pipelines' stages by
 * label. Both are read lazily (a worker whose mappings use neither never asks), cached,
 * read again on a schedule and when a value is not known (at most once per
 * {@code miss-refresh-interval}).
 */
@NullMarked
package dev.hubsync.worker.directory;

import org.jspecify.annotations.NullMarked;
