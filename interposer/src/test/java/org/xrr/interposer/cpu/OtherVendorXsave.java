package org.xrr.interposer.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * This host's CPU with AVX-512 state, with a leaf 0xD that places the AVX-512 components where
 * the other vendor does (AMD's offsets on an Intel host, Intel's on an AMD one): what a trace
 * recorded on the other vendor presents. Tests that need it are skipped on hosts without AVX-512.
 */
public final class OtherVendorXsave {
    public static final long XCR0 = Xcr0.LEGACY | Xcr0.AVX | Xcr0.AVX512;
    /** Offsets of opmask, ZMM_Hi256 and Hi16_ZMM: AMD Zen 4, then Intel since Skylake. */
    private static final int[] AMD = {0x340, 0x380, 0x580};
    private static final int[] INTEL = {0x440, 0x480, 0x680};
    /** k1 is the second of the eight 8-byte registers of the opmask component. */
    private static final int K1 = 8;

    private OtherVendorXsave() {
    }

    public static CpuModel model() {
        long hostXcr0 = HostCpu.xcr0();
        assumeTrue((hostXcr0 & XCR0) == XCR0, "this host has no AVX-512 state");
        CpuidTable host = HostCpu.table();
        CpuModel own = new CpuModelBuilder(host, hostXcr0).xcr0(XCR0).build();
        int[] other = otherOffsets(host);
        CpuidTable.Builder moved = own.table().toBuilder();
        for (int i = 0; i < other.length; i++) {
            int sub = 5 + i;
            moved.put(0xd, sub, own.table().get(0xd, sub, CpuidRegister.EAX), other[i], own.table().get(0xd, sub, CpuidRegister.ECX), 0);
        }
        int size = other[2] + own.table().get(0xd, 7, CpuidRegister.EAX);
        moved.put(0xd, 0, own.table().get(0xd, 0, CpuidRegister.EAX), size, size, own.table().get(0xd, 0, CpuidRegister.EDX));
        return CpuModel.restore(moved.build(), XCR0);
    }

    /** What xsaveprobe prints under {@link #model()}: k1 found where the moved leaf 0xD says. */
    public static String probeOutput() {
        return "k1 at 0x" + Integer.toHexString(otherOffsets(HostCpu.table())[0] + K1) + ": xsave 0x5a3c xsaveopt 0x5a3c xrstor 0x1234\n";
    }

    private static int[] otherOffsets(CpuidTable host) {
        return host.get(0xd, 5, CpuidRegister.EBX) == INTEL[0] ? AMD : INTEL;
    }
}
