package org.xrr.interposer.cpu;

/** The four registers a CPUID leaf answers in, in the order CPUID writes them to {@code int[4]}. */
public enum CpuidRegister {
    EAX, EBX, ECX, EDX;

    /** Position of this register in a {@code cpuid(eax, ecx, out)} result array. */
    public int index() {
        return ordinal();
    }
}
