package dev.hubsync.worker.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hubsync.events.EventSource;
import dev.hubsync.events.local.Row;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.merge.FieldMerge;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.LinkUpdate;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.store.SyncState.LogEntry;
import dev.hubsync.worker.triggers.Triggers;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists and resolves review items. A duplicate ({@code duplicate_email}) is resolved by
 * linking its row to the record instead of the row that has it (that row is then the
 * duplicate, for review), or by keeping the two apart for good; a fuzzy proposal by
 * linking its row to the record the same way; a {@code MANUAL} conflict by choosing one
 * side's value; any item can be dismissed. Every resolution is written to the sync log.
 */
@Component
public class Reviews {

	private static final String FUZZY = "fuzzy";

	private static final String MANUAL = "manual";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final LinkStore links;

	private final PlatformRows rows;

	private final SyncState state;

	private final MappingRegistry mappings;

	private final Triggers triggers;

	Reviews(JdbcClient jdbc, TransactionTemplate transactions, LinkStore links, PlatformRows rows, SyncState state,
			MappingRegistry mappings, Triggers triggers) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.links = links;
		this.rows = rows;
		this.state = state;
		this.mappings = mappings;
		this.triggers = triggers;
	}

	/**
	 * Lists open items.
	 * @param kind only this kind, if given
	 * @param objectTypeId only this object type, if given
	 * @param limit at most this many, oldest first
	 * @return the items
	 */
	public List<Review> open(@Nullable String kind, @Nullable String objectTypeId, int limit) {
		return this.jdbc
			.sql("SELECT * FROM hubsync.review WHERE resolved_at IS NULL AND (?::text IS NULL OR kind = ?)"
					+ " AND (?::text IS NULL OR object_type_id = ?) ORDER BY id LIMIT ?")
			.params(kind, kind, objectTypeId, objectTypeId, limit)
			.query(Reviews::review)
			.list();
	}

	/**
	 * Links a duplicate's row to its record instead of the row that has it; that row
	 * becomes the duplicate, for review. The new pair's fields are then merged by the
	 * first-link rule (a snapshot of the row goes to the outbound direction).
	 * @param id the review item
	 * @param by who resolves it
	 * @return what was done
	 * @throws ReviewException when the item is not an open duplicate of an existing
	 * record, or its row is linked by now
	 */
	public String linkInstead(long id, String by) {
		Review review = find(id);
		if (!(SyncState.DUPLICATE_EMAIL.equals(review.kind()) || FUZZY.equals(review.kind()))
				|| review.platformKey() == null) {
			throw new ReviewException(409,
					"review " + id + " is a " + review.kind() + ", not a duplicate row or a fuzzy proposal");
		}
		if (review.hubspotId() == null) {
			throw new ReviewException(409, "the HubSpot record of review " + id
					+ " does not exist yet; keep the rows apart, or wait for the record");
		}
		CompiledMapping mapping = this.mappings.get(review.objectTypeId())
			.orElseThrow(() -> new ReviewException(409, "no mapping for " + review.objectTypeId()));
		String key = review.platformKey();
		long hubspotId = review.hubspotId();
		String displaced = this.transactions.execute((status) -> {
			if (this.links.lockByPlatformKey(review.objectTypeId(), key).filter((l) -> !l.archived()).isPresent()) {
				throw new ReviewException(409, "row " + key + " is linked by now");
			}
			Optional<Link> current = this.links.lockByHubSpotId(review.objectTypeId(), hubspotId);
			String previous = current.map(Link::platformKey).orElse(null);
			current.ifPresent((link) -> this.links.delete(review.objectTypeId(), hubspotId));
			this.links.deleteArchived(review.objectTypeId(), key, hubspotId);
			if (!this.links
				.insertNew(new Link(review.objectTypeId(), hubspotId, key, 1, null, null, Map.of(), null, false))) {
				throw new ReviewException(409, "row " + key + " or record " + hubspotId + " was linked meanwhile");
			}
			if (previous != null) {
				this.state.openReview(SyncState.DUPLICATE_EMAIL, review.objectTypeId(), previous, hubspotId,
						review.field(), review.hubspotValue(), review.platformValue(),
						"displaced by a person: row " + key + " was linked to record " + hubspotId
								+ " instead; link this one back, or keep them apart");
			}
			resolve(id, "linked_instead", by);
			this.state.log(new LogEntry("review", review.objectTypeId(), key, hubspotId, null, "linked", null, null,
					null, null, null, "linked instead of row " + previous + " by " + by + " (review " + id + ")"));
			return previous;
		});
		Row row = this.rows.find(mapping.config(), key).orElse(null);
		if (row != null) {
			Triggers.await(List.of(this.triggers.snapshot(mapping.config(), key, row, null,
					Triggers.snapshotPosition(this.rows.currentLsn()), EventSource.MERGE, null)));
		}
		return "row " + key + " linked to record " + hubspotId
				+ ((displaced != null) ? "; row " + displaced + " is now the duplicate, for review" : "");
	}

	/**
	 * Settles a {@code MANUAL} conflict with one side's value: the field's last-synced
	 * value becomes the other side's value as the review saw it, so the next merge finds
	 * only the chosen side changed and writes it to the other side, through the normal
	 * path (a snapshot of the row goes to the outbound direction, which reads both sides,
	 * merges and writes under the rate budget). A side that changed again since the
	 * review is a new change, decided again.
	 * @param id the review item
	 * @param side {@code product} or {@code hubspot}
	 * @param by who resolves it
	 * @return what was done
	 * @throws ReviewException when the item is not an open manual conflict of a linked
	 * pair, or the side is unknown
	 */
	public String chooseValue(long id, String side, String by) {
		Review review = find(id);
		if (!MANUAL.equals(review.kind()) || review.field() == null || review.hubspotId() == null
				|| review.platformKey() == null) {
			throw new ReviewException(409, "review " + id + " is a " + review.kind() + ", not a manual conflict");
		}
		boolean product = switch (side) {
			case "product" -> true;
			case "hubspot" -> false;
			default -> throw new ReviewException(400, "side must be 'product' or 'hubspot', not '" + side + "'");
		};
		CompiledMapping mapping = this.mappings.get(review.objectTypeId())
			.orElseThrow(() -> new ReviewException(409, "no mapping for " + review.objectTypeId()));
		String chosen = product ? review.platformValue() : review.hubspotValue();
		String other = product ? review.hubspotValue() : review.platformValue();
		String key = review.platformKey();
		long hubspotId = review.hubspotId();
		this.transactions.executeWithoutResult((status) -> {
			Link link = this.links.lockByHubSpotId(review.objectTypeId(), hubspotId)
				.filter((l) -> l.platformKey().equals(key) && !l.archived())
				.orElseThrow(() -> new ReviewException(409,
						"row " + key + " and record " + hubspotId + " are no longer linked"));
			this.links.update(
					new LinkUpdate(link.objectTypeId(), hubspotId, Map.of(review.field(), FieldMerge.normalise(other)),
							Set.of(review.field()), Map.of(), Map.of(), null, null, null, null));
			resolve(id, product ? "chose_product" : "chose_hubspot", by);
			this.state.log(new LogEntry("review", review.objectTypeId(), key, hubspotId, null, "chosen", review.field(),
					review.platformValue(), review.hubspotValue(), "MANUAL", product ? "platform" : "hubspot",
					"'" + FieldMerge.normalise(chosen) + "' chosen by " + by + " (review " + id
							+ "); the next merge writes it to the other side"));
		});
		Row row = this.rows.find(mapping.config(), key).orElse(null);
		if (row != null) {
			Triggers.await(List.of(this.triggers.snapshot(mapping.config(), key, row, null,
					Triggers.snapshotPosition(this.rows.currentLsn()), EventSource.MERGE, null)));
		}
		return (product ? "the product's" : "HubSpot's") + " value of " + review.field() + " chosen for row " + key
				+ " and record " + hubspotId;
	}

	/**
	 * Keeps a duplicate's row and record apart: the item is resolved and not raised again
	 * for that pair.
	 * @param id the review item
	 * @param by who resolves it
	 * @return what was done
	 */
	public String keepApart(long id, String by) {
		Review review = find(id);
		if (!SyncState.DUPLICATE_EMAIL.equals(review.kind())) {
			throw new ReviewException(409, "review " + id + " is a " + review.kind() + ", not a duplicate row");
		}
		this.transactions.executeWithoutResult((status) -> {
			resolve(id, SyncState.KEPT_APART, by);
			this.state.log(new LogEntry("review", review.objectTypeId(), review.platformKey(), review.hubspotId(), null,
					"kept apart", null, null, null, null, null, "by " + by + " (review " + id + ")"));
		});
		return "row " + review.platformKey() + " and record " + review.hubspotId() + " are kept apart";
	}

	/**
	 * Dismisses an item.
	 * @param id the review item
	 * @param by who resolves it
	 * @return what was done
	 */
	public String dismiss(long id, String by) {
		Review review = find(id);
		this.transactions.executeWithoutResult((status) -> {
			resolve(id, "dismissed", by);
			this.state.log(new LogEntry("review", review.objectTypeId(), review.platformKey(), review.hubspotId(), null,
					"dismissed", review.field(), null, null, null, null, "by " + by + " (review " + id + ")"));
		});
		return "review " + id + " dismissed";
	}

	private Review find(long id) {
		return this.jdbc.sql("SELECT * FROM hubsync.review WHERE id = ? AND resolved_at IS NULL")
			.param(id)
			.query(Reviews::review)
			.optional()
			.orElseThrow(() -> new ReviewException(404, "no open review " + id));
	}

	private void resolve(long id, String resolution, String by) {
		this.jdbc
			.sql("UPDATE hubsync.review SET resolved_at = now(), resolution = ?, resolved_by = ? WHERE id = ?"
					+ " AND resolved_at IS NULL")
			.params(resolution, by, id)
			.update();
	}

	private static Review review(ResultSet rs, int n) throws SQLException {
		long hubspotId = rs.getLong("hubspot_id");
		return new Review(rs.getLong("id"), rs.getString("kind"), rs.getString("object_type_id"),
				rs.getString("platform_key"), rs.wasNull() ? null : hubspotId, rs.getString("field"),
				rs.getString("platform_value"), rs.getString("hubspot_value"), rs.getString("detail"),
				rs.getTimestamp("created_at").toInstant());
	}

	/** A review request that cannot be done, with its HTTP status. */
	public static final class ReviewException extends RuntimeException {

		private final int status;

		ReviewException(int status, String message) {
			super(message);
			this.status = status;
		}

		/**
		 * Returns the HTTP status.
		 * @return the status
		 */
		public int status() {
			return this.status;
		}

	}

}
