/**
 * CRM search as HubSpot does it: filter groups (5 groups, 6 filters each, 18 in all), the
 * 13 operators with HubSpot's case rules, one sort with ties broken by id, at most 200
 * per page, nothing past 10,000 results, archived records never, and writes visible only
 * after the index delay.
 */
@NullMarked
package dev.hubsync.emulator.search;

import org.jspecify.annotations.NullMarked;
