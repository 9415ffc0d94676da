package dev.hubsync.events.result;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.mapping.ConflictRule;
import org.jspecify.annotations.Nullable;

/**
 * What a sync decision did, as a closed family. On the wire the {@code type} field names
 * the variant.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = SyncOutcome.Applied.class, name = "applied"),
		@JsonSubTypes.Type(value = SyncOutcome.Unchanged.class, name = "unchanged"),
		@JsonSubTypes.Type(value = SyncOutcome.Echo.class, name = "echo"),
		@JsonSubTypes.Type(value = SyncOutcome.Conflict.class, name = "conflict"),
		@JsonSubTypes.Type(value = SyncOutcome.Parked.class, name = "parked"),
		@JsonSubTypes.Type(value = SyncOutcome.Failed.class, name = "error") })
public sealed interface SyncOutcome {

	/**
	 * The other side was written.
	 *
	 * @param fields the fields written
	 * @param created whether the record was created on the other side
	 */
	record Applied(List<String> fields, boolean created) implements SyncOutcome {

		/**
		 * Freezes the field list.
		 * @param fields the fields
		 * @param created whether created
		 */
		public Applied {
			fields = (fields != null) ? List.copyOf(fields) : List.of();
		}

	}

	/**
	 * Nothing needed writing: the mapped values already agree (value hash), or the event
	 * is older than the link's high-water mark, or it was processed before.
	 *
	 * @param reason why
	 */
	record Unchanged(String reason) implements SyncOutcome {

		/**
		 * Checks the reason.
		 * @param reason why
		 */
		public Unchanged {
			EventFormatException.require(reason, "outcome.reason");
		}

	}

	/**
	 * The change was HubSync's own write coming back, and was dropped.
	 *
	 * @param reason how it was recognised (app id, sync-origin transaction, value hash)
	 */
	record Echo(String reason) implements SyncOutcome {

		/**
		 * Checks the reason.
		 * @param reason how
		 */
		public Echo {
			EventFormatException.require(reason, "outcome.reason");
		}

	}

	/**
	 * Both sides changed fields; each was decided by its rule.
	 *
	 * @param conflicts one entry per conflicting field
	 */
	record Conflict(List<FieldConflict> conflicts) implements SyncOutcome {

		/**
		 * Freezes the list.
		 * @param conflicts the conflicts
		 */
		public Conflict {
			conflicts = (conflicts != null) ? List.copyOf(conflicts) : List.of();
		}

	}

	/**
	 * Held for an operator: a manual field, a fuzzy match proposal, a duplicate email, a
	 * deletion above the guard's threshold, an association whose other end does not exist
	 * yet.
	 *
	 * @param reason why
	 */
	record Parked(String reason) implements SyncOutcome {

		/**
		 * Checks the reason.
		 * @param reason why
		 */
		public Parked {
			EventFormatException.require(reason, "outcome.reason");
		}

	}

	/**
	 * The decision failed.
	 *
	 * @param errorClass the failure's class name
	 * @param message the failure's message
	 * @param retryable whether it will be retried
	 */
	record Failed(String errorClass, String message, boolean retryable) implements SyncOutcome {

		/**
		 * Checks required fields.
		 * @param errorClass the class
		 * @param message the message
		 * @param retryable whether retryable
		 */
		public Failed {
			EventFormatException.require(errorClass, "outcome.errorClass");
			message = (message != null) ? message : "";
		}

	}

	/**
	 * One field both sides changed, and how it was decided.
	 *
	 * @param field the HubSpot property
	 * @param platformValue the platform's value
	 * @param hubspotValue HubSpot's value
	 * @param rule the field's rule
	 * @param winner {@code platform}, {@code hubspot} or {@code none} (manual)
	 */
	record FieldConflict(String field, @Nullable String platformValue, @Nullable String hubspotValue, ConflictRule rule,
			String winner) {

		/**
		 * Checks required fields.
		 * @param field the field
		 * @param platformValue the platform value
		 * @param hubspotValue the HubSpot value
		 * @param rule the rule
		 * @param winner the winner
		 */
		public FieldConflict {
			EventFormatException.require(field, "outcome.conflicts[].field");
			EventFormatException.require(rule, "outcome.conflicts[].rule");
			EventFormatException.require(winner, "outcome.conflicts[].winner");
		}

	}

}
