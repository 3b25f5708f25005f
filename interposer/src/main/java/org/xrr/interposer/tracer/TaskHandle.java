package org.xrr.interposer.tracer;

import org.xrr.interposer.ptrace.Ptrace;

/** A stopped task as session hooks see it: who it is, and a way to run syscalls in it. */
public final class TaskHandle {
    private final Tracee tracee;
    private final SyscallInjector injector;
    private final Ptrace ptrace;

    TaskHandle(Tracee tracee, SyscallInjector injector, Ptrace ptrace) {
        this.tracee = tracee;
        this.injector = injector;
        this.ptrace = ptrace;
    }

    public int tid() {
        return tracee.tid;
    }

    /** The process: the thread-group leader's id. */
    public int pid() {
        return tracee.process;
    }

    /**
     * Sets a hardware breakpoint (debug register 0) at {@code rip}: the thread stops each time it
     * is about to execute that instruction, and the session's {@link SessionHooks#onBreakpoint}
     * says whether to go on. A debug register changes no memory, so the other threads of the
     * process and the hash of its memory are unaffected.
     */
    public void breakAt(long rip) {
        ptrace.setDebugRegister(tracee.tid, 0, rip);
        ptrace.setDebugRegister(tracee.tid, 7, 1);
        tracee.breakpoint = rip;
    }

    public void clearBreakpoint() {
        ptrace.setDebugRegister(tracee.tid, 7, 0);
        tracee.breakpoint = 0;
    }

    /** Delivers {@code signal} when the task, stopped at a signal-delivery stop, resumes. */
    public void deliverOnResume(int signal) {
        tracee.pendingSignal = signal;
    }

    /** Where {@link #breakAt} set the breakpoint, 0 for none. */
    public long breakpoint() {
        return tracee.breakpoint;
    }

    /**
     * Makes the task execute one syscall of the hook's choosing, at a stop where it is in user
     * context (an exec stop, a syscall-exit stop), and puts its registers back. Returns the
     * result, negative errno on failure.
     */
    public long inject(long nr, long... args) {
        return injector.inject(tracee, nr, args);
    }
}
