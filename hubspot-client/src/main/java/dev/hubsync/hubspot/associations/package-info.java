/**
 * Associations v4 between CRM records: typed, directional edges (HubSpot-defined type ids
 * such as 1 for a contact's primary company), single and batch calls.
 */
@NullMarked
package dev.hubsync.hubspot.associations;

import org.jspecify.annotations.NullMarked;
