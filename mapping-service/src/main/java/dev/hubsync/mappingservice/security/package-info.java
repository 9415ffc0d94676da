/**
 * The admin API's key.
 */
@NullMarked
package dev.hubsync.mappingservice.security;

import org.jspecify.annotations.NullMarked;
