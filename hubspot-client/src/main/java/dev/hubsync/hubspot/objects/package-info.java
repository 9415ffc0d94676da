/**
 * CRM objects (contacts, companies, deals, custom objects): single-record calls, batches
 * of at most 100 inputs, search with paging past the 10,000-result cap, and their
 * records.
 */
@NullMarked
package dev.hubsync.hubspot.objects;

import org.jspecify.annotations.NullMarked;
