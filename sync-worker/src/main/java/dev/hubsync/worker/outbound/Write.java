package dev.hubsync.worker.outbound;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One record's write to HubSpot.
 *
 * @param key the platform key (also the write's trace id)
 * @param changes the changes it answers
 * @param hubspotId the record, for updates; null for creates
 * @param values the properties to send
 */
record Write(String key, List<Outgoing> changes, @Nullable Long hubspotId, Map<String, String> values) {
}
