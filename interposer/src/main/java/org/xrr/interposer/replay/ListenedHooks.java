package org.xrr.interposer.replay;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.tracer.SessionHooks;
import org.xrr.interposer.tracer.TaskHandle;

import java.util.function.Supplier;

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
        listened(task, regs, () -> {
            replayer.onExec(task, regs);
            return null;
        });
    }

    @Override
    public Entry onSyscallEntry(TaskHandle task, Registers regs) {
        return listened(task, regs, () -> replayer.onSyscallEntry(task, regs));
    }

    @Override
    public void onSyscallExit(TaskHandle task, Registers regs) {
        listened(task, regs, () -> {
            replayer.onSyscallExit(task, regs);
            return null;
        });
    }

    @Override
    public void onNewTask(TaskHandle parent, int child, long cloneFlags, boolean newProcess) {
        listened(parent, null, () -> {
            replayer.onNewTask(parent, child, cloneFlags, newProcess);
            return null;
        });
    }

    @Override
    public void onTaskExit(int tid, int status) {
        listened(null, null, () -> {
            replayer.onTaskExit(tid, status);
            return null;
        });
    }

    @Override
    public void onTrap(TaskHandle task, SiteKind kind, long rip, long[] in, long[] out) {
        listened(task, null, () -> {
            replayer.onTrap(task, kind, rip, in, out);
            return null;
        });
    }

    @Override
    public int onSignal(TaskHandle task, int signal) {
        return listened(task, null, () -> replayer.onSignal(task, signal));
    }

    @Override
    public int signalToInject(TaskHandle task) {
        return replayer.signalToInject(task);
    }

    @Override
    public long rdtsc(TaskHandle task, SiteKind kind, long rip) {
        return listened(task, null, () -> replayer.rdtsc(task, kind, rip));
    }

    private <T> T listened(TaskHandle task, Registers regs, Supplier<T> hook) {
        T result;
        try {
            result = hook.get();
        } catch (Divergence d) {
            events.drainMatched();
            replayer.flushOutput();
            listener.diverged(d, task, regs);
            throw d;
        }
        for (RecordedEvent r : events.drainMatched()) {
            listener.matched(r.index(), r.event(), task, regs);
        }
        return result;
    }
}
