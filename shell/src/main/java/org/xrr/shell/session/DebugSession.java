package org.xrr.shell.session;

import org.xrr.interposer.debug.ReplayState;
import org.xrr.interposer.debug.SteppableReplay;
import org.xrr.interposer.debug.Stop;
import org.xrr.interposer.debug.TaskInspector;
import org.xrr.interposer.replay.ReplayRefusedException;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.shell.UserError;
import org.xrr.shell.XdgDirectories;
import org.xrr.shell.trace.EventText;
import org.xrr.shell.trace.ReplayCommand;
import org.xrr.shell.trace.SyscallNames;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One trace open for stepping: the replay, held between commands, and the breakpoints. Moving
 * commands print where the replay stopped and why; a divergence is printed where it happened and
 * the replay stays held there for inspection.
 */
public final class DebugSession implements AutoCloseable {
    private static final ExecutorService STANDBY_MAKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "xrr-standby-replay");
        t.setDaemon(true);
        return t;
    });
    private final TraceDirectory trace;
    private final PrintWriter out;
    private final boolean echo;
    private final List<Breakpoint> breakpoints = new ArrayList<>();
    private final EventText text = new EventText(new SyscallNames());
    private int nextBreakpoint = 1;
    private SteppableReplay replay;
    /**
     * A second replay, made in the background after a backward seek and held at its target: going
     * back there again swaps it in instead of replaying from the start, and another one is made for
     * the next time. A checkpoint made by replaying rather than by forking the tracees, so it holds
     * for threads and process trees alike; null when there is none.
     */
    private CompletableFuture<SteppableReplay> standby;
    private SteppableReplay standbyReplay;
    private long standbyIndex = -1;

    /** @param echo show the program's terminal output as it replays */
    public DebugSession(TraceDirectory trace, PrintWriter out, boolean echo) {
        this.trace = trace;
        this.out = out;
        this.echo = echo;
        this.replay = newReplay();
    }

    public TraceDirectory trace() {
        return trace;
    }

    public SteppableReplay replay() {
        return replay;
    }

    /** {@code python3-0 #12 t4242}: the trace, the last event replayed and the task that made it. */
    public String where() {
        Stop s = replay.position();
        String name = trace.path().getFileName().toString();
        if (s == null) {
            return name + " (before event 0)";
        }
        String state = switch (replay.state()) {
            case DIVERGED -> " diverged";
            case ENDED -> " ended";
            default -> "";
        };
        return name + " #" + s.index() + (s.tid() < 0 ? "" : " t" + s.tid()) + state;
    }

    /** Runs until {@code until} or a breakpoint holds, then says where it stopped. */
    public ReplayState run(Predicate<Stop> until) {
        List<Breakpoint> active = List.copyOf(breakpoints);
        Predicate<Stop> stop = s -> until.test(s) || active.stream().anyMatch(b -> b.condition().test(s));
        ReplayState state;
        try {
            state = replay.resume(stop);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
        report(state, active);
        return state;
    }

    /** Starts again before the first event, keeping the breakpoints. */
    public void restart() {
        closeReplay();
        replay = newReplay();
    }

    /**
     * Runs to event {@code index} with the program's output held back and no breakpoints: on from
     * where the replay is held when that event is still ahead, else from a restart.
     */
    public ReplayState seek(long index) {
        boolean back = replay.state() != ReplayState.PAUSED || replay.highest() >= index;
        if (back) {
            SteppableReplay held = takeStandby(index);
            if (held != null) {
                out.println("seek: from the replay held at event " + standbyIndex);
                closeReplay();
                replay = held;
            } else {
                restart();
            }
        }
        replay.quiet(true);
        try {
            List<Breakpoint> none = List.of();
            Stop at = replay.position();
            // A standby replay may be held at the very event already.
            ReplayState state = at != null && at.index() == index && replay.state() == ReplayState.PAUSED ? ReplayState.PAUSED
                    : replay.resume(s -> s.index() == index);
            report(state, none);
            if (back && state == ReplayState.PAUSED) {
                prepareStandby(index);
            }
            return state;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        } finally {
            replay.quiet(false);
        }
    }

    /** Runs {@code request} on the tracer thread against the task held at the current event. */
    public <T> T inspect(Function<TaskInspector, T> request) {
        try {
            return replay.inspect(request);
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            throw new UserError(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    public Breakpoint addBreakpoint(String kind, String arg) {
        Breakpoint b = Breakpoint.parse(nextBreakpoint, kind, arg);
        nextBreakpoint++;
        breakpoints.add(b);
        return b;
    }

    public List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints);
    }

    /** Deletes breakpoint {@code number}; false if there is none. */
    public boolean deleteBreakpoint(int number) {
        return breakpoints.removeIf(b -> b.number() == number);
    }

    public void deleteBreakpoints() {
        breakpoints.clear();
    }

    /** One line for the event the replay stands at. */
    public String describe(Stop s) {
        return text.line(s.index(), s.event()) + (s.tid() < 0 ? "" : "   [task " + s.tid() + "]");
    }

    @Override
    public void close() {
        closeReplay();
        discardStandby();
    }

    /** Waits until the replay a backward seek left standing by is held at its event (if there is one). */
    public void awaitStandby() {
        if (standby != null) {
            try {
                standby.join();
            } catch (CompletionException | CancellationException e) {
                // A standby that failed is not taken: the next seek back restarts.
            }
        }
    }

    /** The standby replay, if it is held at or before {@code index}; else null (and the standby is gone). */
    private SteppableReplay takeStandby(long index) {
        if (standby == null) {
            return null;
        }
        CompletableFuture<SteppableReplay> made = standby;
        standby = null;
        standbyReplay = null;
        SteppableReplay held;
        try {
            held = made.join();
        } catch (CompletionException | CancellationException e) {
            return null;
        }
        if (held.state() == ReplayState.PAUSED && held.highest() <= index) {
            return held;
        }
        close(held);
        return null;
    }

    /** Starts making a standby replay held at event {@code index}, in the background. */
    private void prepareStandby(long index) {
        discardStandby();
        standbyIndex = index;
        SteppableReplay made = newReplay();
        made.quiet(true);
        standbyReplay = made;
        standby = CompletableFuture.supplyAsync(() -> {
            try {
                made.resume(s -> s.index() == index);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return made;
        }, STANDBY_MAKER);
    }

    /** Stops the standby replay where it is and ends it. */
    private void discardStandby() {
        if (standby != null) {
            standbyReplay.interrupt();
            try {
                standby.join();
            } catch (CompletionException | CancellationException e) {
                // It failed on its own: there is nothing left to stop.
            }
            close(standbyReplay);
            standby = null;
            standbyReplay = null;
        }
    }

    private static void close(SteppableReplay r) {
        try {
            r.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(ReplayState state, List<Breakpoint> active) {
        switch (state) {
            case PAUSED -> {
                Stop s = replay.position();
                for (Breakpoint b : active) {
                    if (b.condition().test(s)) {
                        out.println("breakpoint " + b.number() + " (" + b.description() + ")");
                    }
                }
                out.println(describe(s));
            }
            case DIVERGED -> {
                out.println("xrr: " + replay.divergence().getMessage());
                out.println("the replay is held where it diverged: regs, x, disas and where show the state; restart or seek to run again");
            }
            default -> {
                if (replay.failure() instanceof ReplayRefusedException e) {
                    throw new UserError(e.getMessage());
                }
                if (replay.failure() != null) {
                    throw new UserError("the replay failed: " + replay.failure().getMessage());
                }
                if (replay.divergence() != null) {
                    out.println("xrr: " + replay.divergence().getMessage());
                } else {
                    RunResult r = replay.result();
                    out.println("the replay matched the recording to its last event (" + replay.matched()
                            + " events); the program exited with status " + (r == null ? "unknown" : r.exitCode()));
                }
            }
        }
        out.flush();
    }

    private SteppableReplay newReplay() {
        OutputStream stdout = echo ? ReplayCommand.text(out) : null;
        return new SteppableReplay(trace, XdgDirectories.siteCache(), new FileIdentities(XdgDirectories.fileHashes()), stdout, stdout);
    }

    private void closeReplay() {
        close(replay);
    }
}
