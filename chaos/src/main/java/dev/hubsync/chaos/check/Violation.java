package dev.hubsync.chaos.check;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One invariant that does not hold.
 *
 * @param invariant which
 * @param record the record, as the workload knows it
 * @param detail what differs
 * @param objectTypeId the record's object type id, or {@code null} for the system's state
 * @param platformKey its platform key, if known
 * @param hubspotId its HubSpot id, if known
 * @param syncLog the record's sync log, oldest first (filled in for the report)
 * @param justification the fault that explains it (then it does not fail the run), or
 * {@code null}
 */
public record Violation(Invariant invariant, String record, String detail, @Nullable String objectTypeId,
		@Nullable String platformKey, @Nullable String hubspotId, List<String> syncLog,
		@Nullable String justification) {

	/**
	 * Freezes the log.
	 * @param invariant the invariant
	 * @param record the record
	 * @param detail the detail
	 * @param objectTypeId the object type id
	 * @param platformKey the platform key
	 * @param hubspotId the HubSpot id
	 * @param syncLog the sync log
	 * @param justification the justification
	 */
	public Violation {
		syncLog = List.copyOf(syncLog);
	}

	/**
	 * Returns a copy with the record's sync log.
	 * @param log the sync log
	 * @return the copy
	 */
	public Violation withSyncLog(List<String> log) {
		return new Violation(this.invariant, this.record, this.detail, this.objectTypeId, this.platformKey,
				this.hubspotId, log, this.justification);
	}

	/**
	 * Returns a copy justified by a fault.
	 * @param why the fault and why it explains the violation
	 * @return the copy
	 */
	public Violation justifiedBy(String why) {
		return new Violation(this.invariant, this.record, this.detail, this.objectTypeId, this.platformKey,
				this.hubspotId, this.syncLog, why);
	}

	/**
	 * Creates an unjustified violation without a sync log yet.
	 * @param invariant the invariant
	 * @param record the record
	 * @param detail the detail
	 * @param objectTypeId the object type id
	 * @param platformKey the platform key
	 * @param hubspotId the HubSpot id
	 * @return the violation
	 */
	public static Violation of(Invariant invariant, String record, String detail, @Nullable String objectTypeId,
			@Nullable String platformKey, @Nullable String hubspotId) {
		return new Violation(invariant, record, detail, objectTypeId, platformKey, hubspotId, List.of(), null);
	}

}
