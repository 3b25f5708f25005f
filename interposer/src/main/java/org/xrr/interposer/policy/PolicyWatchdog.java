package org.xrr.interposer.policy;

import org.graalvm.polyglot.Context;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;

/**
 * Stops a policy that runs too long or holds too much memory, by cancelling its context from
 * another thread. The statement limit alone misses both: a single built-in call such as a
 * regular expression can run for minutes, and a loop that keeps megabytes per statement
 * exhausts the heap long before it exhausts its statements.
 *
 * <p>The community edition of GraalJS has no heap limit, so the watchdog bounds the growth of
 * the heap outside the young generation, where everything a script keeps ends up. What the
 * evaluating thread allocates would be the wrong measure: the interpreter makes garbage on
 * every statement, and an honest loop allocates gigabytes that it never holds.
 */
final class PolicyWatchdog {
    enum Trip { TIME, MEMORY }

    private static final long POLL_MILLIS = 5;

    private final Context context;
    private final long timeLimitNanos;
    private final long memoryLimit;
    private final List<MemoryPoolMXBean> retainingPools;
    private volatile Trip tripped;
    private volatile boolean stopped;
    private Thread thread;

    PolicyWatchdog(Context context, Duration timeLimit, long memoryLimit) {
        this.context = context;
        this.timeLimitNanos = timeLimit.toNanos();
        this.memoryLimit = memoryLimit;
        this.retainingPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && !p.getName().contains("Eden"))
                .toList();
    }

    void start() {
        long startNanos = System.nanoTime();
        long startBytes = retained();
        thread = new Thread(() -> watch(startNanos, startBytes), "xrr-policy-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Why the policy was stopped; null while it was not. */
    Trip tripped() {
        return tripped;
    }

    private void watch(long startNanos, long startBytes) {
        while (!stopped) {
            Trip trip = null;
            if (retained() - startBytes > memoryLimit) {
                trip = Trip.MEMORY;
            } else if (System.nanoTime() - startNanos > timeLimitNanos) {
                trip = Trip.TIME;
            }
            if (trip != null) {
                tripped = trip;
                cancel();
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void cancel() {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // Closing a context that is being cancelled reports the cancellation; the evaluating
            // thread sees it too and reports the trip.
        }
    }

    private long retained() {
        long used = 0;
        for (MemoryPoolMXBean pool : retainingPools) {
            used += pool.getUsage().getUsed();
        }
        return used;
    }
}
