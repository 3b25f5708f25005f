package org.xrr.interposer.cpu;

import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.EBX;
import static org.xrr.interposer.cpu.CpuidRegister.EDX;

/**
 * The CPUID fields that differ between the logical CPUs of one machine: the APIC IDs. A table
 * read on the host holds those of whichever CPU the reading thread ran on, so anything that
 * compares or hashes host tables must clear them first.
 */
public final class PerCpuFields {
    private static final int LEAF1_INITIAL_APIC_ID = 0xFF00_0000;

    private PerCpuFields() {
    }

    /** The table with every APIC ID field zero. */
    public static CpuidTable cleared(CpuidTable table) {
        CpuidTable.Builder b = table.toBuilder();
        b.clearBits(0x1, 0, EBX, LEAF1_INITIAL_APIC_ID);
        for (CpuidTable.Entry e : table) {
            // Leaves 0xB and 0x1F (topology) and AMD's 0x8000001E give the x2APIC ID in every subleaf.
            if (e.leaf() == 0xB || e.leaf() == 0x1F) {
                b.set(e.leaf(), e.subleaf(), EDX, 0);
            } else if (e.leaf() == 0x8000001E) {
                b.set(e.leaf(), e.subleaf(), EAX, 0);
            }
        }
        return b.build();
    }
}
