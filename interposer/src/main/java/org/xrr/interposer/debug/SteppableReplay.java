package org.xrr.interposer.debug;

import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.replay.Divergence;
import org.xrr.interposer.replay.ReplayListener;
import org.xrr.interposer.replay.ReplaySession;
import org.xrr.interposer.trace.ExitEvent;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.interposer.tracer.TaskHandle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A replay that can be held at any event boundary. The replay runs on a thread of its own, which
 * Linux makes the tracer of every task; {@link #resume} lets it run until a condition holds at an
 * event, and {@link #inspect} runs a request on that thread while it is held. A divergence holds
 * it too, where it happened, before the tasks are killed. One instance is one run of the program;
 * {@link #close} ends it.
 */
public final class SteppableReplay implements AutoCloseable {
    /** Thrown inside the tracer thread to end a held replay: the tracer kills every task. */
    private static final class Closed extends RuntimeException {
        Closed() {
            super("replay closed", null, false, false);
        }
    }

    private final TraceDirectory trace;
    private final Path siteCache;
    private final FileIdentities files;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final Object lock = new Object();
    private final ArrayDeque<FutureTask<?>> requests = new ArrayDeque<>();
    /** Recorded task id to the real task replaying it, for the tasks alive now. */
    private final Map<Integer, Integer> tasks = new LinkedHashMap<>();
    private Ptrace ptrace;
    private ReplayState state = ReplayState.NOT_STARTED;
    private Predicate<Stop> until = s -> false;
    private boolean resumeRequested;
    private boolean closing;
    private volatile boolean interrupted;
    private volatile boolean quiet;
    private Stop position;
    private long matched;
    private long highest = -1;
    private TaskHandle heldTask;
    private Registers heldRegs;
    private Divergence divergence;
    private RunResult result;
    private Exception failure;
    private Thread thread;

    /**
     * @param stdout where the program's terminal output is shown again, with {@code stderr}; null for neither
     */
    public SteppableReplay(TraceDirectory trace, Path siteCache, FileIdentities files, OutputStream stdout, OutputStream stderr) {
        this.trace = trace;
        this.siteCache = siteCache;
        this.files = files;
        this.stdout = stdout == null ? null : gated(stdout);
        this.stderr = stderr == null ? null : gated(stderr);
    }

    /**
     * Runs the replay until {@code until} holds at an event boundary, the replay diverges or ends,
     * or {@link #interrupt} is called; returns the state it is in then. Only from {@link ReplayState#NOT_STARTED}
     * or {@link ReplayState#PAUSED}.
     */
    public ReplayState resume(Predicate<Stop> until) throws InterruptedException {
        synchronized (lock) {
            if (state != ReplayState.NOT_STARTED && state != ReplayState.PAUSED) {
                throw new IllegalStateException(state == ReplayState.DIVERGED ? "the replay diverged at event "
                        + divergence.eventIndex() + "; restart it or seek to an earlier event" : "the replay has ended; restart it");
            }
            this.until = until;
            interrupted = false;
            if (state == ReplayState.NOT_STARTED) {
                start();
            } else {
                resumeRequested = true;
            }
            state = ReplayState.RUNNING;
            lock.notifyAll();
            while (state == ReplayState.RUNNING) {
                lock.wait();
            }
            return state;
        }
    }

    /** Holds a running replay at the next event boundary (Ctrl-C). Any thread may call it. */
    public void interrupt() {
        interrupted = true;
    }

    /** Whether the program's output is passed on; a seek keeps it quiet until it arrives. */
    public void quiet(boolean quiet) {
        this.quiet = quiet;
    }

    /** Runs {@code request} on the tracer thread with the replay held, and returns what it returned. */
    public <T> T inspect(Function<TaskInspector, T> request) throws InterruptedException {
        FutureTask<T> task;
        synchronized (lock) {
            if (state != ReplayState.PAUSED && state != ReplayState.DIVERGED) {
                throw new IllegalStateException(state == ReplayState.NOT_STARTED ? "the program is not running yet: step or continue first"
                        : "the program is not running any more: restart it, or seek to an event");
            }
            int tid = heldTask == null ? -1 : heldTask.tid();
            int pid = heldTask == null ? -1 : heldTask.pid();
            Registers regs = heldRegs;
            task = new FutureTask<>(() -> request.apply(new TaskInspector(ptrace, tid, pid, regs)));
            requests.add(task);
            lock.notifyAll();
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    public ReplayState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** The event boundary the replay is held at or last passed; null before the first event. */
    public Stop position() {
        synchronized (lock) {
            return position;
        }
    }

    /** How many events have been matched so far. */
    public long matched() {
        synchronized (lock) {
            return matched;
        }
    }

    /**
     * The highest index of an event matched so far, -1 before the first: every event above it is
     * still ahead (processes of a tree replay side by side, so lower ones may be too).
     */
    public long highest() {
        synchronized (lock) {
            return highest;
        }
    }

    /** The divergence, once the replay diverged (held in place or at its end); else null. */
    public Divergence divergence() {
        synchronized (lock) {
            return divergence;
        }
    }

    /** How the program ended, once the replay reached its end without diverging; else null. */
    public RunResult result() {
        synchronized (lock) {
            return result;
        }
    }

    /** Why the replay could not run (a refused replay, an unreadable trace); else null. */
    public Exception failure() {
        synchronized (lock) {
            return failure;
        }
    }

    /** The tasks alive at the boundary, as recorded task id to real task id. */
    public Map<Integer, Integer> tasks() {
        synchronized (lock) {
            return Map.copyOf(tasks);
        }
    }

    /** Ends the run: a held replay kills its tasks. Waits for the tracer thread. */
    @Override
    public void close() throws InterruptedException {
        Thread t;
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
            t = thread;
        }
        if (t != null) {
            t.join();
        }
    }

    private void start() {
        thread = new Thread(this::run, "xrr-replay-" + trace.path().getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Exception failed = null;
        RunResult ran = null;
        Divergence diverged = null;
        try (CachedSiteScanner scanner = new CachedSiteScanner(new SiteCache(siteCache))) {
            ptrace = new Ptrace();
            ran = ReplaySession.replay(trace, scanner, files, stdout, stderr, new Listener());
        } catch (Closed e) {
            // Closed by the user: nothing to report.
        } catch (Divergence d) {
            diverged = d;
        } catch (IOException | RuntimeException e) {
            failed = e;
        } finally {
            synchronized (lock) {
                state = ReplayState.ENDED;
                result = ran;
                failure = failed;
                if (diverged != null) {
                    divergence = diverged;
                }
                lock.notifyAll();
            }
        }
    }

    private final class Listener implements ReplayListener {
        @Override
        public void matched(long index, TraceEvent event, TaskHandle task, Registers regs) {
            synchronized (lock) {
                matched++;
                highest = Math.max(highest, index);
                position = new Stop(index, event, task == null ? -1 : task.tid(), task == null ? -1 : task.pid());
                if (event instanceof ExitEvent) {
                    tasks.remove(event.tid());
                } else if (task != null) {
                    tasks.putIfAbsent(event.tid(), task.tid());
                }
                if (closing) {
                    throw new Closed();
                }
                if (interrupted || until.test(position)) {
                    interrupted = false;
                    hold(ReplayState.PAUSED, task, regs);
                }
            }
        }

        @Override
        public void diverged(Divergence d, TaskHandle task, Registers regs) {
            synchronized (lock) {
                divergence = d;
                hold(ReplayState.DIVERGED, task, regs);
            }
        }

        /** Holds the tracer thread, serving inspection requests, until resumed or closed. Called with the lock held. */
        private void hold(ReplayState held, TaskHandle task, Registers regs) {
            state = held;
            heldTask = task;
            heldRegs = null;
            if (regs != null) {
                heldRegs = new Registers();
                regs.copyTo(heldRegs);
            }
            lock.notifyAll();
            try {
                while (true) {
                    while (requests.isEmpty() && !resumeRequested && !closing) {
                        lock.wait();
                    }
                    if (closing) {
                        throw new Closed();
                    }
                    if (!requests.isEmpty()) {
                        requests.poll().run();
                    } else {
                        resumeRequested = false;
                        heldTask = null;
                        heldRegs = null;
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Closed();
            }
        }
    }

    private OutputStream gated(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (!quiet) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!quiet) {
                    out.write(b, off, len);
                }
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }
}
