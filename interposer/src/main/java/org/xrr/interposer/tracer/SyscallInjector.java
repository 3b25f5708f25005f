package org.xrr.interposer.tracer;

import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.ptrace.WaitStatus;

/**
 * Makes a stopped thread execute one syscall of the tracer's choosing: a SYSCALL instruction is
 * written at its RIP, single-stepped, and everything is put back. Used at exec stops, where the
 * process has a single thread, e.g. to switch on CPUID faulting, which execve resets.
 *
 * <p>At an exec stop the thread is still inside execve: the first single-step trap comes at that
 * syscall's exit, with RAX overwritten by execve's result and the SYSCALL not yet executed. So a
 * step counts as done only when RIP has moved past the injected instruction.
 */
final class SyscallInjector {
    private static final int SIGTRAP = 5;
    private static final long ENOSYS = 38;
    /** Stops to expect at most: the pending syscall exit, a seccomp stop, the step itself, a few signals. */
    private static final int MAX_STEPS = 16;

    private final Ptrace ptrace;
    private final Registers saved = new Registers();
    private final Registers work = new Registers();
    private final Registers result = new Registers();

    SyscallInjector(Ptrace ptrace) {
        this.ptrace = ptrace;
    }

    /**
     * Returns the syscall's result (negative errno on failure; -ENOSYS if the thread would not
     * get past the instruction); a signal that arrives meanwhile is kept in {@code t}.
     */
    long inject(Tracee t, long nr, long... args) {
        ptrace.getRegs(t.tid, saved);
        saved.copyTo(work);
        long rip = saved.rip();
        byte b0 = ptrace.pokeByte(t.tid, rip, (byte) 0x0f);
        byte b1 = ptrace.pokeByte(t.tid, rip + 1, (byte) 0x05);
        try {
            work.set(Registers.RAX, nr);
            for (int i = 0; i < args.length; i++) {
                work.set(Registers.syscallArgument(i), args[i]);
            }
            ptrace.setRegs(t.tid, work);
            ptrace.singleStep(t.tid);
            for (int step = 0; step < MAX_STEPS; step++) {
                ptrace.waitAny(t.tid);
                int status = ptrace.lastStatus();
                if (!WaitStatus.stopped(status)) {
                    throw new IllegalStateException("thread " + t.tid + " ended during an injected syscall");
                }
                int sig = WaitStatus.stopSignal(status);
                if (sig == SIGTRAP && WaitStatus.event(status) == 0) {
                    ptrace.getRegs(t.tid, result);
                    if (result.rip() == rip + 2) {
                        return result.get(Registers.RAX);
                    }
                    ptrace.setRegs(t.tid, work);
                } else if (WaitStatus.event(status) == 0) {
                    t.pendingSignal = sig;
                }
                ptrace.singleStep(t.tid);
            }
            return -ENOSYS;
        } finally {
            ptrace.pokeByte(t.tid, rip, b0);
            ptrace.pokeByte(t.tid, rip + 1, b1);
            ptrace.setRegs(t.tid, saved);
        }
    }
}
