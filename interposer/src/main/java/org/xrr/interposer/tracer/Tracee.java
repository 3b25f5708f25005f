package org.xrr.interposer.tracer;

/** One traced thread and what the tracer is in the middle of doing with it. */
final class Tracee {
    final int tid;
    /**
     * Its process: the thread-group leader's id (a vfork child shares memory, not the process).
     * Known once the parent's clone event names the task, like {@link #space}.
     */
    int process;
    /** Null while a new task has reported its first stop but its parent's clone event has not yet named it. */
    AddressSpace space;
    /** Its first stop has been handled (a new task starts with one, which must be resumed). */
    boolean started;
    /** Resumed to the exit of a syscall that seccomp stopped at. */
    boolean inSyscall;
    /** Stepping over a patched XSAVE-family site with a narrowed RFBM (see TrapEmulator). */
    Patch steppingOver;
    long savedRax;
    long savedRdx;
    /** A signal that arrived while the tracer borrowed the thread, to deliver when it resumes. */
    int pendingSignal;
    /** Arguments of the syscall seccomp stopped at: start, length. */
    long syscallStart;
    long syscallLength;
    /** When every syscall stops: the number of the one in progress, and whether it runs (see Tracer). */
    long syscallNumber;
    int skip;

    /** The turn of its process's threads; null until the task is named, like {@link #space}. */
    ProcessTurn turn;
    /** The stop it reported while waiting for the turn ({@link Tracer#RESUME}: none, just resume it). */
    int heldStatus;
    /** Interrupted to end its time slice, and not yet stopped for it. */
    boolean interrupting;
    /** Resumed from a syscall's exit stop, with no stop since. */
    boolean returning;
    /** The stop being handled came as a syscall returned: a signal stopping there is at that boundary. */
    boolean stoppedAtReturn;
    /** The stop being handled is a ptrace event stop (exec, clone, seccomp, interrupt), not a signal's or a syscall's. */
    boolean eventStop;
    /** The stop being handled is a signal-delivery stop: resuming with a signal delivers that signal now. */
    boolean deliveryStop;
    /** Stepping into a signal handler, to stop where the kernel has written the signal frame. */
    boolean framing;
    /** Where the last syscall returned to. */
    long returnRip;
    /** Where a hardware breakpoint is set, 0 for none. */
    long breakpoint;

    /** How session hooks see it; made once, as hooks run on every syscall. */
    TaskHandle handle;

    Tracee(int tid, int process, AddressSpace space) {
        this.tid = tid;
        this.process = process;
        this.space = space;
    }
}
