package org.xrr.interposer.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A syscall, from entry to exit.
 *
 * @param number x86-64 syscall number (orig_rax)
 * @param args   the six argument registers: rdi, rsi, rdx, r10, r8, r9
 * @param result rax at exit: the result, or minus an errno
 * @param memory every byte the kernel wrote into the tracee's memory, in the order written
 */
public record SyscallEvent(int tid, int number, long[] args, long result, SyscallMode mode, List<MemoryWrite> memory)
        implements TraceEvent {
    public static final int ARGS = 6;

    public SyscallEvent {
        Validation.tid(tid);
        if (number < 0) {
            throw new IllegalArgumentException("syscall number " + number + " is negative");
        }
        Validation.length("syscall arguments", args.length, ARGS);
        args = args.clone();
        Objects.requireNonNull(mode);
        memory = List.copyOf(memory);
    }

    /** A copy of the six arguments. */
    @Override
    public long[] args() {
        return args.clone();
    }

    public long arg(int i) {
        return args[i];
    }

    @Override
    public EventKind kind() {
        return EventKind.SYSCALL;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.syscall(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyscallEvent e && tid == e.tid && number == e.number && Arrays.equals(args, e.args)
                && result == e.result && mode == e.mode && memory.equals(e.memory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tid, number, Arrays.hashCode(args), result, mode, memory);
    }

    @Override
    public String toString() {
        return "SyscallEvent[tid=" + tid + ", number=" + number + ", args=" + Arrays.toString(args) + ", result=" + result
                + ", mode=" + mode + ", memory=" + memory + "]";
    }
}
