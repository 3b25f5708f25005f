package org.xrr.interposer.cpu;

import org.xrr.interposer.ptrace.LibXrr;

/**
 * This machine's own CPU: every CPUID leaf and subleaf it answers, and its XCR0, read by
 * executing the instructions (in libxrr, since Java cannot).
 */
public final class HostCpu {
    private static final int MAX_SUBLEAVES = 64;
    private static final int EXTENDED = 0x80000000;

    private HostCpu() {
    }

    /** XCR0, or 0 when the OS has not enabled XSAVE. */
    public static long xcr0() {
        long v = LibXrr.xgetbv(0);
        return v < 0 ? 0 : v;
    }

    public static CpuidTable table() {
        CpuidTable.Builder b = CpuidTable.builder();
        int[] r = new int[4];
        LibXrr.cpuid(0, 0, r);
        int maxBasic = r[0];
        for (int leaf = 0; leaf <= maxBasic; leaf++) {
            readLeaf(b, leaf, r);
        }
        LibXrr.cpuid(EXTENDED, 0, r);
        int maxExtended = r[0];
        if (Integer.compareUnsigned(maxExtended, EXTENDED) >= 0 && Integer.compareUnsigned(maxExtended, EXTENDED + 0xff) <= 0) {
            for (int leaf = EXTENDED; Integer.compareUnsigned(leaf, maxExtended) <= 0; leaf++) {
                readLeaf(b, leaf, r);
            }
        }
        return b.build();
    }

    /**
     * Subleaf-indexed leaves are read up to their last non-empty subleaf; a few (cache and
     * topology enumeration) end at the first subleaf whose type field is zero, as the manuals say.
     */
    private static void readLeaf(CpuidTable.Builder b, int leaf, int[] r) {
        if (!CpuidTable.isSubleafIndexed(leaf)) {
            LibXrr.cpuid(leaf, 0, r);
            b.put(leaf, 0, r[0], r[1], r[2], r[3]);
            return;
        }
        for (int sub = 0; sub < MAX_SUBLEAVES; sub++) {
            LibXrr.cpuid(leaf, sub, r);
            if (sub > 0 && endsEnumeration(leaf, r)) {
                return;
            }
            boolean empty = r[0] == 0 && r[1] == 0 && r[2] == 0 && r[3] == 0;
            if (sub == 0 || !empty) {
                b.put(leaf, sub, r[0], r[1], r[2], r[3]);
            }
        }
    }

    private static boolean endsEnumeration(int leaf, int[] r) {
        return switch (leaf) {
            case 4, 0x8000001d -> (r[0] & 0x1f) == 0;
            case 0xb, 0x1f -> ((r[2] >>> 8) & 0xff) == 0;
            default -> false;
        };
    }

    /** This machine as a CPU profile, in the format of the shipped ones. */
    public static CpuProfile profile() {
        CpuidTable table = table();
        long xcr0 = xcr0();
        CpuModel host = new CpuModelBuilder(table, xcr0).build();
        return new CpuProfile(host.brand(), host.vendor(), "xrr cpufeatures, read on this machine", xcr0,
                "read with XGETBV(0)", "CPUID leaves as this machine answered them, under the running kernel.", table);
    }
}
