/**
 * Spring Boot auto-configuration of the HubSpot client ({@code hubsync.hubspot.*}).
 */
@NullMarked
package dev.hubsync.hubspot.autoconfigure;

import org.jspecify.annotations.NullMarked;
