package dev.hubsync.hubspot.associations;

import java.util.List;

import dev.hubsync.hubspot.Paging;
import dev.hubsync.hubspot.error.HubSpotError;
import org.jspecify.annotations.Nullable;

/** The records of the batch association calls. */
public final class AssociationBatches {

	private AssociationBatches() {
	}

	/**
	 * A record reference.
	 *
	 * @param id the record's id
	 */
	public record Ref(String id) {
	}

	/**
	 * An association to create.
	 *
	 * @param from the source record
	 * @param to the target record
	 * @param types the types to create
	 */
	public record Input(Ref from, Ref to, List<AssociationSpec> types) {

		/**
		 * An association of one type.
		 * @param fromId the source record
		 * @param toId the target record
		 * @param type the type
		 * @return the input
		 */
		public static Input of(String fromId, String toId, AssociationSpec type) {
			return new Input(new Ref(fromId), new Ref(toId), List.of(type));
		}

	}

	/**
	 * Associations to remove, all types between the pairs.
	 *
	 * @param from the source record
	 * @param to the target records
	 */
	public record Removal(Ref from, List<Ref> to) {
	}

	/**
	 * The associations of one record, as batch-read.
	 *
	 * @param from the record
	 * @param to its associated records
	 * @param paging more of them, when there are
	 */
	public record Item(Ref from, List<AssociatedObject> to, @Nullable Paging paging) {

		/**
		 * Defaults the list.
		 * @param from the record
		 * @param to the associated records
		 * @param paging the paging
		 */
		public Item {
			to = (to != null) ? to : List.of();
		}

	}

	/**
	 * A batch read's answer.
	 *
	 * @param status {@code COMPLETE}
	 * @param results one item per record that has associations
	 * @param errors the records that failed
	 */
	public record ReadResult(@Nullable String status, List<Item> results, List<HubSpotError> errors) {

		/**
		 * Defaults the lists.
		 * @param status the status
		 * @param results the results
		 * @param errors the errors
		 */
		public ReadResult {
			results = (results != null) ? results : List.of();
			errors = (errors != null) ? errors : List.of();
		}

	}

	/**
	 * A batch write's answer: a {@code BatchResponse} (200, 201, 207), or nothing (v4
	 * archive's 204).
	 *
	 * @param status {@code COMPLETE}, or {@code null} when HubSpot sent no body
	 * @param errors the inputs that failed
	 */
	public record WriteResult(@Nullable String status, List<HubSpotError> errors) {

		/**
		 * Defaults the list.
		 * @param status the status
		 * @param errors the errors
		 */
		public WriteResult {
			errors = (errors != null) ? errors : List.of();
		}

		/**
		 * The answer without a body.
		 * @return an answer without errors
		 */
		public static WriteResult empty() {
			return new WriteResult(null, List.of());
		}

	}

	record Wrapper<T>(List<T> inputs) {
	}

	record Page(List<AssociatedObject> results, @Nullable Paging paging) {

		Page {
			results = (results != null) ? results : List.of();
		}

	}

}
