/**
 * Property definitions per object type (HubSpot's defaults from a data file, plus custom
 * ones created through the API), the properties API, and the validation and normalisation
 * of values written to records.
 */
@NullMarked
package dev.hubsync.emulator.schema;

import org.jspecify.annotations.NullMarked;
