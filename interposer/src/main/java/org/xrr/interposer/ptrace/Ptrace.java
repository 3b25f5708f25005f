package org.xrr.interposer.ptrace;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;

import java.util.List;

/**
 * ptrace and wait for the one tracer thread. Linux ties a tracee to the thread that attached it,
 * so every method must be called from the thread that spawned the tracees. Scratch buffers are
 * preallocated: the stop-handling paths allocate nothing.
 */
public final class Ptrace {
    public static final int PTRACE_PEEKDATA = 2;
    public static final int PTRACE_POKEDATA = 5;
    public static final int PTRACE_POKEUSER = 6;
    public static final int PTRACE_CONT = 7;
    public static final int PTRACE_KILL = 8;
    public static final int PTRACE_SINGLESTEP = 9;
    public static final int PTRACE_GETREGS = 12;
    public static final int PTRACE_SETREGS = 13;
    public static final int PTRACE_SYSCALL = 24;
    public static final int PTRACE_GETEVENTMSG = 0x4201;
    public static final int PTRACE_GETSIGINFO = 0x4202;
    public static final int PTRACE_SETSIGINFO = 0x4203;
    public static final int PTRACE_GETREGSET = 0x4204;
    public static final int PTRACE_SETREGSET = 0x4205;
    public static final int PTRACE_SEIZE = 0x4206;
    public static final int PTRACE_INTERRUPT = 0x4207;
    public static final int PTRACE_LISTEN = 0x4208;
    /** offsetof(struct user, u_debugreg) on x86-64: DR0 to DR7 follow, 8 bytes each. */
    private static final int DEBUG_REGISTERS = 848;

    public static final int O_TRACESYSGOOD = 1;
    public static final int O_TRACEFORK = 1 << 1;
    public static final int O_TRACEVFORK = 1 << 2;
    public static final int O_TRACECLONE = 1 << 3;
    public static final int O_TRACEEXEC = 1 << 4;
    public static final int O_TRACESECCOMP = 1 << 7;
    public static final int O_EXITKILL = 1 << 20;

    public static final int EVENT_FORK = 1;
    public static final int EVENT_VFORK = 2;
    public static final int EVENT_CLONE = 3;
    public static final int EVENT_EXEC = 4;
    public static final int EVENT_SECCOMP = 7;
    public static final int EVENT_STOP = 128;

    public static final int WALL = 0x40000000;
    /** Wait only for this thread's own children and tracees, never for another JVM thread's child processes. */
    private static final int WNOTHREAD = 0x20000000;
    private static final int NT_X86_XSTATE = 0x202;
    /** Room for any thread's extended state (NT_X86_XSTATE): AMX alone takes 11 KiB. */
    public static final int XSTATE_BYTES = 16384;
    /** The size of siginfo_t on x86-64. */
    public static final int SIGINFO_SIZE = 128;

    private final Memory word = new Memory(8);
    private final Memory status = new Memory(4);
    private final Memory iovec = new Memory(16);
    private final Memory siginfo = new Memory(SIGINFO_SIZE);
    private final Memory xstate = new Memory(XSTATE_BYTES);

    public Ptrace() {
        LibXrr.require();
    }

    /**
     * Forks a child that waits, attaches to it with {@code options}, and lets it run on into
     * execve. The child's first stop is the exec event (or its exit if execve fails). {@code stdin},
     * {@code stdout} and {@code stderr}, when not null, name files that take the place of the child's.
     */
    public int spawnAndSeize(String path, List<String> argv, List<String> envp, int spawnFlags, int options, String stdin,
                             String stdout, String stderr) {
        Memory goFd = new Memory(4);
        long pid = LibXrr.xrr_spawn(path, new StringArray(argv.toArray(String[]::new)),
                new StringArray(envp.toArray(String[]::new)), spawnFlags, goFd, stdin, stdout, stderr);
        if (pid < 0) {
            throw new PtraceException("fork", 0, pid);
        }
        int go = goFd.getInt(0);
        try {
            check(LibXrr.xrr_ptrace(PTRACE_SEIZE, pid, 0, options), "PTRACE_SEIZE", (int) pid);
            word.setByte(0, (byte) 1);
            check(LibXrr.xrr_write(go, word, 1), "write to the spawn handshake pipe", (int) pid);
        } catch (PtraceException e) {
            LibXrr.xrr_kill(pid, 9);
            throw e;
        } finally {
            LibXrr.xrr_close(go);
        }
        return (int) pid;
    }

    /**
     * Waits for any tracee (or the given tid); returns the tid and leaves the status in
     * {@link #lastStatus()}, or returns -1 when this thread has no tracees left.
     */
    public int waitAny(int tid) {
        while (true) {
            long r = LibXrr.xrr_waitpid(tid, status, WALL | WNOTHREAD);
            if (r >= 0) {
                return (int) r;
            }
            if (-r == Errno.ECHILD) {
                return -1;
            }
            if (-r != Errno.EINTR) {
                throw new PtraceException("waitpid", tid, r);
            }
        }
    }

    /**
     * Like {@link #waitAny(int)}, but gives up after {@code timeoutNanos}: returns 0 then, with no
     * status.
     */
    public int waitAny(int tid, long timeoutNanos) {
        while (true) {
            long r = LibXrr.xrr_waitpid_timeout(tid, status, WALL | WNOTHREAD, Math.max(timeoutNanos, 1));
            if (r >= 0) {
                return (int) r;
            }
            if (-r == Errno.ECHILD) {
                return -1;
            }
            throw new PtraceException("waitpid", tid, r);
        }
    }

    public int lastStatus() {
        return status.getInt(0);
    }

    public void cont(int tid, int signal) {
        check(LibXrr.xrr_ptrace(PTRACE_CONT, tid, 0, signal), "PTRACE_CONT", tid);
    }

    /** Resumes to the next syscall boundary (used to reach the exit of a syscall seccomp stopped at). */
    public void syscall(int tid, int signal) {
        check(LibXrr.xrr_ptrace(PTRACE_SYSCALL, tid, 0, signal), "PTRACE_SYSCALL", tid);
    }

    public void singleStep(int tid) {
        singleStep(tid, 0);
    }

    /**
     * Single-steps with a signal: for a caught one, the thread stops (SIGTRAP) at its handler's
     * first instruction, the signal frame written, before the handler runs.
     */
    public void singleStep(int tid, int signal) {
        check(LibXrr.xrr_ptrace(PTRACE_SINGLESTEP, tid, 0, signal), "PTRACE_SINGLESTEP", tid);
    }

    /** Stops a running tracee, which reports a PTRACE_EVENT_STOP, without any signal it could see. */
    public void interrupt(int tid) {
        check(LibXrr.xrr_ptrace(PTRACE_INTERRUPT, tid, 0, 0), "PTRACE_INTERRUPT", tid);
    }

    /** Writes debug register {@code index} (0 to 7) of a stopped thread. */
    public void setDebugRegister(int tid, int index, long value) {
        check(LibXrr.xrr_ptrace(PTRACE_POKEUSER, tid, DEBUG_REGISTERS + 8L * index, value), "PTRACE_POKEUSER", tid);
    }

    /** Leaves a tracee in its group-stop (SIGSTOP, Ctrl-Z) while still reporting what happens to it. */
    public void listen(int tid) {
        check(LibXrr.xrr_ptrace(PTRACE_LISTEN, tid, 0, 0), "PTRACE_LISTEN", tid);
    }

    public void getRegs(int tid, Registers regs) {
        check(LibXrr.xrr_ptrace(PTRACE_GETREGS, tid, 0, Pointer.nativeValue(regs.memory)), "PTRACE_GETREGS", tid);
    }

    public void setRegs(int tid, Registers regs) {
        check(LibXrr.xrr_ptrace(PTRACE_SETREGS, tid, 0, Pointer.nativeValue(regs.memory)), "PTRACE_SETREGS", tid);
    }

    public long eventMessage(int tid) {
        check(LibXrr.xrr_ptrace(PTRACE_GETEVENTMSG, tid, 0, Pointer.nativeValue(word)), "PTRACE_GETEVENTMSG", tid);
        return word.getLong(0);
    }

    /** si_code of the signal the thread is stopped with. */
    public int sigInfoCode(int tid) {
        check(LibXrr.xrr_ptrace(PTRACE_GETSIGINFO, tid, 0, Pointer.nativeValue(siginfo)), "PTRACE_GETSIGINFO", tid);
        return siginfo.getInt(8);
    }

    /** The siginfo of the signal the thread is stopped with, into {@code out[0..SIGINFO_SIZE)}. */
    public void getSigInfo(int tid, byte[] out) {
        check(LibXrr.xrr_ptrace(PTRACE_GETSIGINFO, tid, 0, Pointer.nativeValue(siginfo)), "PTRACE_GETSIGINFO", tid);
        siginfo.read(0, out, 0, SIGINFO_SIZE);
    }

    /** Replaces the siginfo of the signal the thread is stopped with. */
    public void setSigInfo(int tid, byte[] info) {
        siginfo.write(0, info, 0, SIGINFO_SIZE);
        check(LibXrr.xrr_ptrace(PTRACE_SETSIGINFO, tid, 0, Pointer.nativeValue(siginfo)), "PTRACE_SETSIGINFO", tid);
    }

    /** Replaces the pending signal's siginfo by a kernel-generated one (si_code SI_KERNEL), as a fault would have. */
    public void setKernelSigInfo(int tid, int signal) {
        siginfo.clear();
        siginfo.setInt(0, signal);
        siginfo.setInt(8, 0x80);
        check(LibXrr.xrr_ptrace(PTRACE_SETSIGINFO, tid, 0, Pointer.nativeValue(siginfo)), "PTRACE_SETSIGINFO", tid);
    }

    /** XSTATE_BV of the thread's saved extended state: the components in use (what XGETBV(1) reads as XINUSE). */
    public long xstateInUse(int tid) {
        iovec.setLong(0, Pointer.nativeValue(xstate));
        iovec.setLong(8, xstate.size());
        check(LibXrr.xrr_ptrace(PTRACE_GETREGSET, tid, NT_X86_XSTATE, Pointer.nativeValue(iovec)), "PTRACE_GETREGSET", tid);
        return xstate.getLong(512);
    }

    /**
     * The thread's extended state (NT_X86_XSTATE: the standard XSAVE format, in this CPU's
     * layout) into {@code into}; returns its size.
     */
    public int getXstate(int tid, byte[] into) {
        iovec.setLong(0, Pointer.nativeValue(xstate));
        iovec.setLong(8, Math.min(xstate.size(), into.length));
        check(LibXrr.xrr_ptrace(PTRACE_GETREGSET, tid, NT_X86_XSTATE, Pointer.nativeValue(iovec)), "PTRACE_GETREGSET", tid);
        int size = (int) iovec.getLong(8);
        xstate.read(0, into, 0, size);
        return size;
    }

    /** Replaces the thread's extended state with the first {@code size} bytes of {@code from}, as {@link #getXstate} gave them. */
    public void setXstate(int tid, byte[] from, int size) {
        xstate.write(0, from, 0, size);
        iovec.setLong(0, Pointer.nativeValue(xstate));
        iovec.setLong(8, size);
        check(LibXrr.xrr_ptrace(PTRACE_SETREGSET, tid, NT_X86_XSTATE, Pointer.nativeValue(iovec)), "PTRACE_SETREGSET", tid);
    }

    /** The thread's saved extended state (the XSAVE image the kernel keeps), in the standard format, as a copy. */
    public byte[] xstate(int tid) {
        byte[] image = new byte[XSTATE_BYTES];
        return java.util.Arrays.copyOf(image, getXstate(tid, image));
    }

    /** The word at {@code address}, or 0 where nothing can be read (a jump to address 0 faults there). */
    public long peekOrZero(int tid, long address) {
        return LibXrr.xrr_peek(tid, address, word) == 0 ? word.getLong(0) : 0;
    }

    public long peek(int tid, long address) {
        check(LibXrr.xrr_peek(tid, address, word), "PTRACE_PEEKDATA", tid);
        return word.getLong(0);
    }

    public void poke(int tid, long address, long value) {
        check(LibXrr.xrr_ptrace(PTRACE_POKEDATA, tid, address, value), "PTRACE_POKEDATA", tid);
    }

    /**
     * Writes one byte of tracee memory, returning the byte it replaced. ptrace writes whole words;
     * the aligned word around the byte never straddles a page, so it cannot fault where the byte would not.
     */
    public byte pokeByte(int tid, long address, byte value) {
        long aligned = address & ~7L;
        int shift = (int) (address & 7) * 8;
        long old = peek(tid, aligned);
        poke(tid, aligned, (old & ~(0xffL << shift)) | ((value & 0xffL) << shift));
        return (byte) (old >>> shift);
    }

    /** Writes bytes anywhere in tracee memory, whole aligned words at a time (read, merge, write). */
    public void write(int tid, long address, byte[] data) {
        long first = address & ~7L;
        for (long word = first; word < address + data.length; word += 8) {
            long value = peek(tid, word);
            for (int i = 0; i < 8; i++) {
                long at = word + i - address;
                if (at >= 0 && at < data.length) {
                    value = (value & ~(0xffL << (8 * i))) | ((data[(int) at] & 0xffL) << (8 * i));
                }
            }
            poke(tid, word, value);
        }
    }

    public void kill(int pid, int signal) {
        LibXrr.xrr_kill(pid, signal);
    }

    /** Sends {@code signal} to thread {@code tid} of process {@code pid}. */
    public void tgkill(int pid, int tid, int signal) {
        check(LibXrr.xrr_tgkill(pid, tid, signal), "tgkill", tid);
    }

    private static void check(long result, String call, int tid) {
        if (result < 0) {
            throw new PtraceException(call, tid, result);
        }
    }
}
