package org.xrr.interposer.cpu;

import java.util.Objects;
import java.util.Set;

/**
 * One named CPU feature: a single CPUID bit with what it depends on.
 *
 * @param name          the flag Linux prints in {@code /proc/cpuinfo} ({@code pni} for SSE3); for the
 *                      bits Linux keeps out of {@code /proc/cpuinfo}, its lower-case feature macro name
 *                      ({@code osxsave}, {@code xfd})
 * @param leaf          CPUID leaf (EAX input)
 * @param subleaf       CPUID subleaf (ECX input); 0 for leaves that are not subleaf-indexed
 * @param register      the output register holding the bit
 * @param bit           bit number within that register
 * @param xcr0Needs     XCR0 state components the feature's instructions need beyond x87/SSE: a
 *                      model that drops one of them from the host XCR0 must hide the feature
 * @param xcr0Owns      XCR0 state components that exist for this feature: hiding it drops them
 * @param requires      names of the features this one cannot be used without; hiding any of them
 *                      hides this one
 * @param kind          whether user code uses the feature, the system does, or the OS sets it
 */
public record CpuFeature(String name, int leaf, int subleaf, CpuidRegister register, int bit,
                         long xcr0Needs, long xcr0Owns, Set<String> requires, FeatureKind kind) {
    public CpuFeature {
        Objects.requireNonNull(name);
        Objects.requireNonNull(register);
        Objects.requireNonNull(kind);
        if (bit < 0 || bit > 31) {
            throw new IllegalArgumentException(name + ": bit " + bit + " is not a bit of a 32-bit register");
        }
        requires = Set.copyOf(requires);
    }

    /** The feature's bit as a mask of its register. */
    public int mask() {
        return 1 << bit;
    }

    public boolean isSetIn(CpuidTable table) {
        return (table.get(leaf, subleaf, register) & mask()) != 0;
    }

    /** Where the bit is, as the manuals write it: {@code CPUID.(EAX=7,ECX=0):EBX[16]}. */
    public String location() {
        return String.format("CPUID.(EAX=0x%x,ECX=%d):%s[%d]", leaf, subleaf, register, bit);
    }

    @Override
    public String toString() {
        return name;
    }
}
