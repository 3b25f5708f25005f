package org.xrr.interposer.tracer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;
import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuidRegister;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.cpu.Xcr0;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A model whose leaf 0xD places the AVX-512 components where the other vendor does (AMD's
 * offsets on an Intel host, Intel's on an AMD one): the program's XSAVE, XSAVEOPT and XRSTOR
 * must find k1 where that leaf 0xD says, which only translation makes true on this host.
 */
class XsaveTranslationTracedTest {
    private static final long AVX512_XCR0 = Xcr0.LEGACY | Xcr0.AVX | Xcr0.AVX512;
    /** Offsets of opmask, ZMM_Hi256 and Hi16_ZMM: AMD Zen 4, then Intel since Skylake. */
    private static final int[] AMD = {0x340, 0x380, 0x580};
    private static final int[] INTEL = {0x440, 0x480, 0x680};

    @TempDir
    Path work;

    @Test
    void xsaveAndXrstorUseTheModelsOffsets() throws Exception {
        long hostXcr0 = HostCpu.xcr0();
        assumeTrue((hostXcr0 & AVX512_XCR0) == AVX512_XCR0, "this host has no AVX-512 state");
        CpuidTable host = HostCpu.table();
        CpuModel own = new CpuModelBuilder(host, hostXcr0).xcr0(AVX512_XCR0).build();
        int[] other = host.get(0xd, 5, CpuidRegister.EBX) == INTEL[0] ? AMD : INTEL;
        CpuidTable.Builder moved = own.table().toBuilder();
        for (int i = 0; i < 3; i++) {
            int sub = 5 + i;
            moved.put(0xd, sub, own.table().get(0xd, sub, CpuidRegister.EAX), other[i], own.table().get(0xd, sub, CpuidRegister.ECX), 0);
        }
        int size = other[2] + own.table().get(0xd, 7, CpuidRegister.EAX);
        moved.put(0xd, 0, own.table().get(0xd, 0, CpuidRegister.EAX), size, size, own.table().get(0xd, 0, CpuidRegister.EDX));
        CpuModel model = CpuModel.restore(moved.build(), AVX512_XCR0);

        TracedRun run = TracedRun.of(model, false, work, NativePrograms.path("xsaveprobe").toString());
        assertEquals(0, run.result().exitCode(), run.output());
        assertEquals("k1 at 0x" + Integer.toHexString(other[0] + 8) + ": xsave 0x5a3c xsaveopt 0x5a3c xrstor 0x1234\n", run.output());
        assertEquals(1, run.result().stats().traps(SiteKind.XSAVE));
        assertEquals(1, run.result().stats().traps(SiteKind.XSAVEOPT));
    }
}
