package org.xrr.interposer.ptrace;

/** Decodes a wait status (the macros of sys/wait.h, plus ptrace's event bits). */
public final class WaitStatus {
    private WaitStatus() {
    }

    public static boolean exited(int status) {
        return (status & 0x7f) == 0;
    }

    public static int exitCode(int status) {
        return (status >>> 8) & 0xff;
    }

    public static boolean signaled(int status) {
        return ((status & 0x7f) + 1) >> 1 > 0 && (status & 0xff) != 0x7f;
    }

    public static int termSignal(int status) {
        return status & 0x7f;
    }

    public static boolean stopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    public static int stopSignal(int status) {
        return (status >>> 8) & 0xff;
    }

    /** The PTRACE_EVENT_* of a ptrace-event stop, or 0. */
    public static int event(int status) {
        return (status >>> 16) & 0xff;
    }
}
