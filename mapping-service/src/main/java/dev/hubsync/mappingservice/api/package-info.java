/**
 * The admin API ({@code /api/**}, behind the admin key) and its OpenAPI document.
 */
@NullMarked
package dev.hubsync.mappingservice.api;

import org.jspecify.annotations.NullMarked;
