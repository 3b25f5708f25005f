package org.xrr.interposer.tracer;

/** A stopped task as session hooks see it: who it is, and a way to run syscalls in it. */
public final class TaskHandle {
    private final Tracee tracee;
    private final SyscallInjector injector;

    TaskHandle(Tracee tracee, SyscallInjector injector) {
        this.tracee = tracee;
        this.injector = injector;
    }

    public int tid() {
        return tracee.tid;
    }

    /** The process: the thread-group leader's id. */
    public int pid() {
        return tracee.process;
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
