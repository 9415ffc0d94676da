/** The producer's durability settings and the topics the ingress writes. */
@NullMarked
package dev.hubsync.ingress.kafka;

import org.jspecify.annotations.NullMarked;
