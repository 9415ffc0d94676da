package dev.hubsync.worker;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the worker's own executors: daemon threads (they never hold the
 * JVM up; each owner shuts its executor down when the context closes) with names that say
 * whose they are in thread dumps and logs.
 */
public final class DaemonThreads {

	private DaemonThreads() {
	}

	/**
	 * Threads that all carry one name, for a single-thread executor.
	 * @param name the name
	 * @return the factory
	 */
	public static ThreadFactory named(String name) {
		return (task) -> daemon(task, name);
	}

	/**
	 * Threads named with a prefix and a number counted from 1, for a pool.
	 * @param prefix the name's prefix, e.g. {@code hubsync-outbound-call-}
	 * @return the factory
	 */
	public static ThreadFactory numbered(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> daemon(task, prefix + count.incrementAndGet());
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
