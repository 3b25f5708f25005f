package org.xrr.interposer.trace;

import org.xrr.interposer.ptrace.Registers;

import java.util.Arrays;
import java.util.Objects;

/**
 * A thread that ran in user space without any other event was interrupted here; replay runs it
 * to the same RIP and compares the registers and the hash.
 *
 * @param registers  every field of user_regs_struct, in its order ({@link Registers#COUNT} values)
 * @param memoryHash a 64-bit hash of the process's writable memory
 */
public record PreemptionEvent(int tid, long[] registers, long memoryHash) implements TraceEvent {
    public PreemptionEvent {
        Validation.tid(tid);
        Validation.length("registers", registers.length, Registers.COUNT);
        registers = registers.clone();
    }

    /** A copy of the registers. */
    @Override
    public long[] registers() {
        return registers.clone();
    }

    /** One register, by its {@link Registers} index. */
    public long register(int index) {
        return registers[index];
    }

    public long rip() {
        return registers[Registers.RIP];
    }

    @Override
    public EventKind kind() {
        return EventKind.PREEMPTION;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.preemption(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreemptionEvent e && tid == e.tid && Arrays.equals(registers, e.registers)
                && memoryHash == e.memoryHash;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tid, Arrays.hashCode(registers), memoryHash);
    }

    @Override
    public String toString() {
        return "PreemptionEvent[tid=" + tid + ", rip=0x" + Long.toHexString(rip()) + ", registers="
                + Arrays.toString(registers) + ", memoryHash=0x" + Long.toHexString(memoryHash) + "]";
    }
}
