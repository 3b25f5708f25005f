package org.xrr.interposer.cpu;

import java.util.Objects;
import java.util.Set;

import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.EBX;
import static org.xrr.interposer.cpu.CpuidRegister.ECX;

/**
 * What a program sees of the CPU: a CPUID table plus XCR0. Immutable; made consistent by
 * {@link CpuModelBuilder}.
 *
 * <p>{@link #cpuid} and {@link #xgetbv} run on every trapped instruction and allocate nothing.
 */
public final class CpuModel {
    private static final int OSXSAVE = 1 << 27;
    private static final int XSAVE = 1 << 26;
    private static final int XGETBV1 = 1 << 2;

    private final CpuidTable table;
    private final long xcr0;
    private final boolean xsaveEnabled;
    private final boolean xgetbv1;
    private final Set<CpuFeature> features;

    CpuModel(CpuidTable table, long xcr0) {
        this.table = Objects.requireNonNull(table);
        int leaf1Ecx = table.get(0x1, 0, ECX);
        this.xsaveEnabled = (leaf1Ecx & XSAVE) != 0 && (leaf1Ecx & OSXSAVE) != 0;
        this.xcr0 = xsaveEnabled ? xcr0 : Xcr0.LEGACY;
        this.xgetbv1 = (table.get(XsaveLeaf.LEAF, 1, EAX) & XGETBV1) != 0;
        this.features = FeatureCatalogue.presentIn(table);
    }

    /**
     * A model that {@link CpuModelBuilder#build()} made earlier, read back from where it was kept
     * (a model cache, a trace). It is not made consistent again: it must be what a build returned.
     */
    public static CpuModel restore(CpuidTable table, long xcr0) {
        return new CpuModel(table, xcr0);
    }

    /** Answers CPUID for (EAX, ECX) into {@code out[0..3]} = EAX, EBX, ECX, EDX. */
    public void cpuid(int eax, int ecx, int[] out) {
        table.lookup(eax, ecx, out);
    }

    /**
     * The state components the program may use: XCR0 as XGETBV(0) reports it, or x87|SSE (what
     * FXSAVE covers) when the model hides XSAVE and the program cannot read XCR0 at all.
     */
    public long xcr0() {
        return xcr0;
    }

    /** Whether the program may use XSAVE and XGETBV: the model shows both XSAVE and OSXSAVE. */
    public boolean xsaveEnabled() {
        return xsaveEnabled;
    }

    /**
     * Emulates XGETBV for index {@code ecx}. XGETBV(0) is the model XCR0; XGETBV(1) is the model
     * XCR0 restricted to the components in use ({@code xinuse}), where the model shows XGETBV1.
     * On OK the value is in {@code out[0]}.
     */
    public InstructionOutcome xgetbv(int ecx, long xinuse, long[] out) {
        if (!xsaveEnabled) {
            return InstructionOutcome.UD;
        }
        if (ecx == 0) {
            out[0] = xcr0;
            return InstructionOutcome.OK;
        }
        if (ecx == 1 && xgetbv1) {
            out[0] = xcr0 & xinuse;
            return InstructionOutcome.OK;
        }
        return InstructionOutcome.GP;
    }

    /** The vendor string of leaf 0: {@code GenuineIntel}, {@code AuthenticAMD}. */
    public String vendor() {
        return CpuIdentity.vendor(table);
    }

    /** The brand string of leaves 0x80000002..4, without its padding; empty if the model has none. */
    public String brand() {
        return CpuIdentity.brand(table);
    }

    /** Display family, decoded from leaf 1 EAX with the extended family. */
    public int family() {
        return CpuIdentity.family(table);
    }

    /** Display model, decoded from leaf 1 EAX with the extended model. */
    public int model() {
        return CpuIdentity.model(table);
    }

    public int stepping() {
        return CpuIdentity.stepping(table);
    }

    public boolean has(CpuFeature feature) {
        return features.contains(feature);
    }

    /** The catalogue features the model shows, in catalogue order. */
    public Set<CpuFeature> features() {
        return features;
    }

    public CpuidTable table() {
        return table;
    }

    /**
     * Size of the standard-format XSAVE image for the model XCR0, as leaf 0xD subleaf 0 EBX
     * reports it; 0 when the model hides XSAVE (the leaf reads as zeros).
     */
    public int xsaveStandardSize() {
        return table.get(XsaveLeaf.LEAF, 0, EBX);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuModel m && xcr0 == m.xcr0 && table.equals(m.table);
    }

    @Override
    public int hashCode() {
        return 31 * table.hashCode() + Long.hashCode(xcr0);
    }

    @Override
    public String toString() {
        return "CpuModel[" + vendor() + " family 0x" + Integer.toHexString(family()) + " model 0x"
                + Integer.toHexString(model()) + " \"" + brand() + "\", XCR0 " + Xcr0.describe(xcr0) + "]";
    }
}
