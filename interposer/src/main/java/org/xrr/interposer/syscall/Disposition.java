package org.xrr.interposer.syscall;

/** What replay does with a syscall the recording holds. */
public enum Disposition {
    /**
     * Replay skips the call at its entry and, at its exit, writes the recorded result and the
     * recorded bytes the kernel wrote. For calls whose only effects the program can see are their
     * result and their outputs: files, pipes, sockets, time, ids.
     */
    EMULATE,
    /**
     * Replay really runs the call, because it shapes what replay itself depends on (the address
     * space, the tasks, signal delivery), checks that its result matches the recording, and then
     * writes the recorded outputs over the kernel's (thread ids legitimately differ).
     */
    EXECUTE,
    /**
     * The recorder makes the call fail with the row's errno without running it, and replay does
     * the same: for calls that would make the program nondeterministic and that it can do without.
     */
    REFUSE,
    /** Not supported: the recorder stops with an error that names the call. */
    UNSUPPORTED
}
