package org.xrr.interposer.tracer;

/** One traced thread and what the tracer is in the middle of doing with it. */
final class Tracee {
    final int tid;
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

    Tracee(int tid, AddressSpace space) {
        this.tid = tid;
        this.space = space;
    }
}
