package org.xrr.interposer.replay;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.tracer.SessionHooks;
import org.xrr.interposer.tracer.TaskHandle;

/**
 * A {@link Replayer} with a {@link ReplayListener}: after each hook, the listener hears of the
 * events the hook matched, in order; a divergence a hook throws reaches it before the tracer
 * kills the tasks, with the task still stopped where it diverged.
 */
final class ListenedHooks implements SessionHooks {
    private final Replayer replayer;
    private final EventQueue events;
    private final ReplayListener listener;

    ListenedHooks(Replayer replayer, EventQueue events, ReplayListener listener) {
        this.replayer = replayer;
        this.events = events;
        this.listener = listener;
    }

    @Override
    public boolean wantsEverySyscall() {
        return replayer.wantsEverySyscall();
    }

    @Override
    public boolean entriesBySeccomp() {
        return replayer.entriesBySeccomp();
    }

    @Override
    public void onExec(TaskHandle task, Registers regs) {
        try {
            replayer.onExec(task, regs);
        } catch (Divergence d) {
            throw diverged(d, task, regs);
        }
        report(task, regs);
    }

    @Override
    public Entry onSyscallEntry(TaskHandle task, Registers regs) {
        Entry entry;
        try {
            entry = replayer.onSyscallEntry(task, regs);
        } catch (Divergence d) {
            throw diverged(d, task, regs);
        }
        report(task, regs);
        return entry;
    }

    @Override
    public void onSyscallExit(TaskHandle task, Registers regs) {
        try {
            replayer.onSyscallExit(task, regs);
        } catch (Divergence d) {
            throw diverged(d, task, regs);
        }
        report(task, regs);
    }

    @Override
    public void onNewTask(TaskHandle parent, int child, long cloneFlags, boolean newProcess) {
        try {
            replayer.onNewTask(parent, child, cloneFlags, newProcess);
        } catch (Divergence d) {
            throw diverged(d, parent, null);
        }
        report(parent, null);
    }

    @Override
    public void onTaskExit(int tid, int status) {
        try {
            replayer.onTaskExit(tid, status);
        } catch (Divergence d) {
            throw diverged(d, null, null);
        }
        report(null, null);
    }

    @Override
    public void onTrap(TaskHandle task, SiteKind kind, long rip, long[] in, long[] out) {
        try {
            replayer.onTrap(task, kind, rip, in, out);
        } catch (Divergence d) {
            throw diverged(d, task, null);
        }
        report(task, null);
    }

    @Override
    public int onSignal(TaskHandle task, int signal) {
        int delivered;
        try {
            delivered = replayer.onSignal(task, signal);
        } catch (Divergence d) {
            throw diverged(d, task, null);
        }
        report(task, null);
        return delivered;
    }

    @Override
    public void onSignalFrame(TaskHandle task, Registers regs) {
        try {
            replayer.onSignalFrame(task, regs);
        } catch (Divergence d) {
            throw diverged(d, task, regs);
        }
        report(task, regs);
    }

    @Override
    public int signalToInject(TaskHandle task) {
        int signal;
        try {
            signal = replayer.signalToInject(task);
        } catch (Divergence d) {
            throw diverged(d, task, null);
        }
        report(task, null);
        return signal;
    }

    @Override
    public boolean mayRun(TaskHandle task, int signal) {
        boolean may;
        try {
            may = replayer.mayRun(task, signal);
        } catch (Divergence d) {
            throw diverged(d, task, null);
        }
        report(task, null);
        return may;
    }

    @Override
    public boolean preemptsSpinners() {
        return replayer.preemptsSpinners();
    }

    @Override
    public void onPreempt(TaskHandle task, Registers regs) {
        try {
            replayer.onPreempt(task, regs);
        } catch (Divergence d) {
            throw diverged(d, task, regs);
        }
        report(task, regs);
    }

    @Override
    public void beforeResume(TaskHandle task) {
        try {
            replayer.beforeResume(task);
        } catch (Divergence d) {
            throw diverged(d, task, null);
        }
        report(task, null);
    }

    @Override
    public Breakpoint onBreakpoint(TaskHandle task, Registers regs) {
        Breakpoint result;
        try {
            result = replayer.onBreakpoint(task, regs);
        } catch (Divergence d) {
            throw diverged(d, task, regs);
        }
        report(task, regs);
        return result;
    }

    @Override
    public long rdtsc(TaskHandle task, SiteKind kind, long rip) {
        long value;
        try {
            value = replayer.rdtsc(task, kind, rip);
        } catch (Divergence d) {
            throw diverged(d, task, null);
        }
        report(task, null);
        return value;
    }

    /** Tells the listener of the events the hook just matched, in order. */
    private void report(TaskHandle task, Registers regs) {
        for (int i = 0; i < events.matchedCount(); i++) {
            RecordedEvent r = events.matched(i);
            listener.matched(r.index(), r.event(), task, regs);
        }
        events.clearMatched();
    }

    /** Tells the listener of a divergence, with the program's output shown up to it; returns it to throw. */
    private Divergence diverged(Divergence d, TaskHandle task, Registers regs) {
        events.clearMatched();
        replayer.flushOutput();
        listener.diverged(d, task, regs);
        return d;
    }
}
