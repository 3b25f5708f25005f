package org.xrr.interposer.tracer;

import org.xrr.interposer.ptrace.Ptrace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The auxiliary vector of a process just after execve, found on its stack above argv and envp.
 * Recording needs two of its entries: AT_RANDOM, the 16 random bytes glibc seeds its stack
 * protector and pointer guard from, and AT_SYSINFO_EHDR, the vDSO, which must be hidden so that
 * the time goes through syscalls that can be recorded.
 */
public final class AuxVector {
    public static final long AT_NULL = 0;
    public static final long AT_IGNORE = 1;
    public static final long AT_RANDOM = 25;
    public static final long AT_SYSINFO_EHDR = 33;
    /** More than any stack holds: a bound for walking memory that may be damaged. */
    private static final int MAX_WORDS = 1 << 20;

    /** Longer arguments are cut: they are for people reading a dump. */
    private static final int MAX_ARGUMENT = 4096;
    private static final int MAX_ARGUMENTS = 4096;

    private final Ptrace ptrace;
    private final int tid;
    private final long rsp;
    private final long start;

    private AuxVector(Ptrace ptrace, int tid, long rsp, long start) {
        this.ptrace = ptrace;
        this.tid = tid;
        this.rsp = rsp;
        this.start = start;
    }

    /** The vector of a task stopped at its exec, whose RSP points at argc. */
    public static AuxVector atExec(Ptrace ptrace, int tid, long rsp) {
        long argc = ptrace.peek(tid, rsp);
        long p = rsp + 8 * (argc + 2);
        for (int i = 0; ptrace.peek(tid, p) != 0; i++, p += 8) {
            if (i > MAX_WORDS) {
                throw new IllegalStateException("task " + tid + ": no end to the environment on the stack");
            }
        }
        return new AuxVector(ptrace, tid, rsp, p + 8);
    }

    /** The program's arguments, argv[0] first, read from the strings argv points at. */
    public List<String> arguments() {
        long argc = Math.min(ptrace.peek(tid, rsp), MAX_ARGUMENTS);
        List<String> args = new ArrayList<>((int) argc);
        byte[] buffer = new byte[MAX_ARGUMENT];
        for (int i = 0; i < argc; i++) {
            long string = ptrace.peek(tid, rsp + 8 + 8L * i);
            int length = 0;
            while (length < MAX_ARGUMENT) {
                long word = ptrace.peekOrZero(tid, string + length);
                int nul = Long.numberOfTrailingZeros(~word & (word - 0x0101010101010101L) & 0x8080808080808080L) / 8;
                int take = Math.min(nul, MAX_ARGUMENT - length);
                for (int b = 0; b < take; b++) {
                    buffer[length + b] = (byte) (word >>> (8 * b));
                }
                length += take;
                if (nul < 8) {
                    break;
                }
            }
            args.add(new String(buffer, 0, length, StandardCharsets.UTF_8));
        }
        return args;
    }

    /** Address of the entry of this type (its type word; the value follows), or 0 if absent. */
    public long entry(long type) {
        for (long p = start, i = 0; i < MAX_WORDS; p += 16, i++) {
            long t = ptrace.peek(tid, p);
            if (t == type) {
                return p;
            }
            if (t == AT_NULL) {
                return 0;
            }
        }
        return 0;
    }

    /** The value of the entry of this type, or 0 if absent. */
    public long value(long type) {
        long p = entry(type);
        return p == 0 ? 0 : ptrace.peek(tid, p + 8);
    }

    /** Makes the program's loader skip an entry, as if the kernel had not given it. */
    public void hide(long type) {
        long p = entry(type);
        if (p != 0) {
            ptrace.poke(tid, p, AT_IGNORE);
        }
    }
}
