package org.xrr.interposer.trace;

import org.xrr.disasm.x86.SiteKind;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A patched instruction the tracer answered or ran on the program's behalf.
 *
 * @param rip     address of the instruction
 * @param site    which instruction it is
 * @param inputs  the register values it read, in the order the recorder defines per kind (CPUID: EAX, ECX);
 *                32-bit registers zero-extended
 * @param outputs the register values it produced (CPUID: EAX, EBX, ECX, EDX)
 * @param memory  memory it wrote: the XSAVE image of an XSAVE-family instruction; empty for most kinds
 */
public record TrapEvent(int tid, long rip, SiteKind site, long[] inputs, long[] outputs, List<MemoryWrite> memory)
        implements TraceEvent {
    public TrapEvent {
        Validation.tid(tid);
        Objects.requireNonNull(site);
        inputs = inputs.clone();
        outputs = outputs.clone();
        memory = List.copyOf(memory);
    }

    /** A copy of the input values. */
    @Override
    public long[] inputs() {
        return inputs.clone();
    }

    /** A copy of the output values. */
    @Override
    public long[] outputs() {
        return outputs.clone();
    }

    /** The input values themselves, for the encoder, which only reads them. */
    long[] sharedInputs() {
        return inputs;
    }

    /** The output values themselves, for the encoder, which only reads them. */
    long[] sharedOutputs() {
        return outputs;
    }

    @Override
    public EventKind kind() {
        return EventKind.TRAP;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.trap(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrapEvent e && tid == e.tid && rip == e.rip && site == e.site && Arrays.equals(inputs, e.inputs)
                && Arrays.equals(outputs, e.outputs) && memory.equals(e.memory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tid, rip, site, Arrays.hashCode(inputs), Arrays.hashCode(outputs), memory);
    }

    @Override
    public String toString() {
        return "TrapEvent[tid=" + tid + ", rip=0x" + Long.toHexString(rip) + ", site=" + site + ", inputs="
                + Arrays.toString(inputs) + ", outputs=" + Arrays.toString(outputs) + ", memory=" + memory + "]";
    }
}
