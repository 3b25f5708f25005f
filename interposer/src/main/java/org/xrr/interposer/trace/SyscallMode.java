package org.xrr.interposer.trace;

/** What replay does with a recorded syscall; the recorder decides, per syscall. */
public enum SyscallMode {
    /** Replay runs the syscall again and checks its result: it shapes the address space or the task. */
    EXECUTED,
    /** Replay skips the syscall and writes the recorded result and memory: its effects are only outputs. */
    EMULATED
}
