package dev.hubsync.ingress.journal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.hubsync.events.EventSource;
import dev.hubsync.hubspot.journal.JournalClient;
import dev.hubsync.hubspot.journal.JournalEntryRef;
import dev.hubsync.hubspot.journal.JournalOffsetExpiredException;
import dev.hubsync.ingress.dedupe.DeliveryPath;
import dev.hubsync.ingress.dedupe.PathDeduplicator;
import dev.hubsync.ingress.publishing.EventPublisher;
import dev.hubsync.ingress.publishing.Slice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the webhooks journal forward, one batch at a time, on a thread of its own.
 *
 * <p>
 * A batch: list up to {@code batch-size} entries after the stored position (the earliest
 * ones when there is none), download and parse each file, publish the events the webhook
 * path has not delivered (mode {@code both}) and wait for Kafka's acknowledgements, and
 * only then store the last entry's offset. A failure anywhere leaves the position where
 * it was, so the batch is read again after {@code retry-backoff}: at worst events are
 * published twice with the same identities, never skipped. An offset HubSpot no longer
 * knows (past its retention) is logged as an error, a resynchronisation by search is
 * requested, and reading goes on from the journal's earliest entry.
 *
 * <p>
 * Lifecycle: {@link State#NEW} → {@link #start()} → {@link State#RUNNING} →
 * {@link #stop()} → {@link State#STOPPED}; not restartable. Stopping interrupts a wait
 * but lets an HTTP call or a publish in flight finish (bounded by their timeouts).
 */
public final class JournalReader implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(JournalReader.class);

	private final JournalClient journal;

	private final JournalEntryParser parser;

	private final EventPublisher publisher;

	private final PathDeduplicator dedupe;

	private final OffsetStore offsets;

	private final ResyncRequests resync;

	private final JournalProperties properties;

	private final Duration publishTimeout;

	private final long portalId;

	private final Set<Long> portals;

	private final Clock clock;

	private final Counter entries;

	private final Counter resyncs;

	private final CountDownLatch stopping = new CountDownLatch(1);

	private volatile State state = State.NEW;

	private @Nullable Thread thread;

	private OffsetStore.@Nullable Position position;

	JournalReader(JournalClient journal, JournalEntryParser parser, EventPublisher publisher, PathDeduplicator dedupe,
			OffsetStore offsets, ResyncRequests resync, JournalProperties properties, Duration publishTimeout,
			long portalId, Set<Long> portals, Clock clock, MeterRegistry registry) {
		this.portals = Set.copyOf(portals);
		this.journal = journal;
		this.parser = parser;
		this.publisher = publisher;
		this.dedupe = dedupe;
		this.offsets = offsets;
		this.resync = resync;
		this.properties = properties;
		this.publishTimeout = publishTimeout;
		this.portalId = portalId;
		this.clock = clock;
		this.entries = Counter.builder("hubsync.ingress.journal.entries")
			.description("Webhooks journal entries read and published")
			.register(registry);
		this.resyncs = Counter.builder("hubsync.ingress.journal.resyncs")
			.description("Resynchronisations requested because the reader fell behind the journal's retention")
			.register(registry);
	}

	@Override
	public synchronized void start() {
		if (this.state != State.NEW) {
			return;
		}
		Thread reader = new Thread(this::run, "journal-reader");
		reader.setDaemon(true);
		this.thread = reader;
		this.state = State.RUNNING;
		reader.start();
	}

	@Override
	public void stop() {
		Thread reader;
		synchronized (this) {
			if (this.state != State.RUNNING) {
				this.state = State.STOPPED;
				return;
			}
			this.state = State.STOPPING;
			reader = this.thread;
		}
		this.stopping.countDown();
		if (reader != null) {
			try {
				reader.join(this.properties.requestTimeout().plus(this.publishTimeout).toMillis() * 2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.state = State.STOPPED;
	}

	@Override
	public boolean isRunning() {
		return this.state == State.RUNNING;
	}

	/**
	 * Returns the reader's state.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	private void run() {
		while (this.state == State.RUNNING) {
			try {
				this.position = this.offsets.load().orElse(null);
				logger.info("Webhooks journal reader starts {}", (this.position != null)
						? "after offset " + this.position.offset() : "at the journal's earliest entry");
				break;
			}
			catch (RuntimeException ex) {
				logger.warn("Webhooks journal reader cannot read its stored offset ({}); retrying", ex.toString());
				pause(this.properties.retryBackoff());
			}
		}
		while (this.state == State.RUNNING) {
			this.dedupe.sweep();
			try {
				if (!readBatch()) {
					pause(this.properties.pollInterval());
				}
			}
			catch (JournalOffsetExpiredException ex) {
				try {
					fellBehind(ex);
				}
				catch (RuntimeException failed) {
					logger.warn("Webhooks journal reader could not request the resync ({}); trying again in {}",
							failed.toString(), this.properties.retryBackoff());
					pause(this.properties.retryBackoff());
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Webhooks journal batch after {} failed ({}); reading it again in {}",
						(this.position != null) ? this.position.offset() : "the start", ex.toString(),
						this.properties.retryBackoff());
				pause(this.properties.retryBackoff());
			}
		}
	}

	/**
	 * Reads, publishes and records one batch.
	 * @return whether there was anything to read
	 */
	private boolean readBatch() {
		OffsetStore.Position from = this.position;
		List<JournalEntryRef> refs = (from != null) ? this.journal.next(from.offset(), this.properties.batchSize())
				: this.journal.earliest(this.properties.batchSize());
		if (refs.isEmpty()) {
			return false;
		}
		List<Slice> slices = new ArrayList<>();
		Instant publishedAt = (from != null) ? from.publishedAt() : null;
		for (JournalEntryRef ref : refs) {
			JournalEntryParser.Parsed parsed = this.parser.parse(this.journal.download(ref), ref.currentOffset());
			slices.addAll(parsed.slices());
			publishedAt = (parsed.publishedAt() != null) ? parsed.publishedAt() : publishedAt;
		}
		List<Slice> fresh = this.dedupe.undelivered(onlyServedPortals(slices), DeliveryPath.JOURNAL);
		if (!fresh.isEmpty()) {
			try {
				this.publisher.publish(fresh, EventSource.JOURNAL, null, this.publishTimeout);
			}
			catch (RuntimeException ex) {
				this.dedupe.failed(fresh, DeliveryPath.JOURNAL);
				throw ex;
			}
		}
		OffsetStore.Position next = new OffsetStore.Position(refs.get(refs.size() - 1).currentOffset(), publishedAt);
		this.offsets.store(next);
		this.position = next;
		this.entries.increment(refs.size());
		return true;
	}

	/**
	 * An event of a portal HubSync does not serve (the global journal holds every
	 * installing portal's) is set aside with the reason, as the webhook path does.
	 */
	private List<Slice> onlyServedPortals(List<Slice> slices) {
		if (this.portals.isEmpty()) {
			return slices;
		}
		List<Slice> result = new ArrayList<>(slices.size());
		for (Slice slice : slices) {
			if (slice instanceof Slice.Event event && !this.portals.contains(event.event().key().portalId())) {
				result.add(new Slice.Malformed(event.event().raw().getBytes(StandardCharsets.UTF_8), "portal "
						+ event.event().key().portalId() + " is not one HubSync serves (hubsync.ingress.portal-ids)"));
			}
			else {
				result.add(slice);
			}
		}
		return result;
	}

	private void fellBehind(JournalOffsetExpiredException ex) {
		Instant since = (this.position != null && this.position.publishedAt() != null) ? this.position.publishedAt()
				: this.clock.instant().minus(this.properties.retention());
		logger.error("Webhooks journal reader fell behind HubSpot's retention: offset {} is gone, so changes made"
				+ " since {} may never be read from the journal. Requesting a full resynchronisation by search, then"
				+ " reading on from the journal's earliest entry.", ex.offset(), since);
		this.resync.request(this.portalId, since, "webhooks journal offset " + ex.offset() + " is past HubSpot's"
				+ " retention: changes since " + since + " may be lost");
		this.resyncs.increment();
		this.position = null;
	}

	private void pause(Duration duration) {
		try {
			this.stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.state = State.STOPPING;
		}
	}

	/** The reader's lifecycle. */
	public enum State {

		/** Created, not started. */
		NEW,

		/** Reading. */
		RUNNING,

		/** Asked to stop; finishing what is in flight. */
		STOPPING,

		/** Stopped for good. */
		STOPPED

	}

}
