/**
 * The properties API: HubSpot's property definitions (types, enumeration options,
 * uniqueness) and property groups, and creating the properties HubSync needs.
 */
@NullMarked
package dev.hubsync.hubspot.properties;

import org.jspecify.annotations.NullMarked;
