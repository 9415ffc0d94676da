/**
 * Matching rules for records without a link: normalised emails, advisory lock keys, fuzzy
 * similarity.
 */
@NullMarked
package dev.hubsync.mapping.matching;

import org.jspecify.annotations.NullMarked;
