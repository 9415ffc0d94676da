/**
 * hubsync-ops (module ops-cli) against the running dev stack.
 */
@NullMarked
package dev.hubsync.devstack.ops;

import org.jspecify.annotations.NullMarked;
