/**
 * In mode {@code both}, each change arrives twice, by webhook and by the journal: the
 * second copy (by change key: portal, object type, record, kind, property, time) is not
 * published, and what one path delivered that the other did not within the window is
 * counted — the measured "missed webhooks" figure.
 */
@NullMarked
package dev.hubsync.ingress.dedupe;

import org.jspecify.annotations.NullMarked;
