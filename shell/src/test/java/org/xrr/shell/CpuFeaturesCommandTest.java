package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuidRegister;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.HostCpu;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuFeaturesCommandTest {
    private static final String RR_FORMAT = "--disable-cpuid-features 0x[0-9a-f]+,0x[0-9a-f]+ "
            + "--disable-cpuid-features-ext 0x[0-9a-f]+,0x[0-9a-f]+,0x[0-9a-f]+ --disable-cpuid-features-xsave 0x[0-9a-f]+\n";

    @TempDir
    Path tmp;

    @Test
    void printsRrOptionsForThisMachine() {
        CliRun run = CliRun.of("cpufeatures");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().matches(RR_FORMAT), run.out());
    }

    @Test
    void exportsThisMachineAsAProfileThatReadsBack() throws Exception {
        Path file = tmp.resolve("here.json");
        CliRun run = CliRun.of("cpufeatures", "--export", file.toString());
        assertEquals(0, run.status(), run.err());
        CpuProfile profile = CpuProfile.load(file);
        assertEquals(HostCpu.xcr0(), profile.xcr0());
        CpuidTable here = HostCpu.table();
        assertEquals(here.size(), profile.table().size());
        for (CpuidTable.Entry e : profile.table()) {
            for (CpuidRegister r : CpuidRegister.values()) {
                int mask = perCpuBits(e.leaf(), r);
                assertEquals(here.get(e.leaf(), e.subleaf(), r) & ~mask, e.get(r) & ~mask, () -> "leaf " + e + " " + r);
            }
        }
        CliRun json = CliRun.of("cpufeatures", "--json");
        CpuProfile printed = CpuProfile.parse("stdout", json.out());
        assertEquals(profile.vendor(), printed.vendor());
        assertEquals(profile.xcr0(), printed.xcr0());
        assertEquals(profile.table().size(), printed.table().size());
    }

    /** Fields that name the CPU that executed CPUID (APIC IDs): two reads may run on two CPUs. */
    private static int perCpuBits(int leaf, CpuidRegister r) {
        if (leaf == 1 && r == CpuidRegister.EBX) {
            return 0xff000000;
        }
        if ((leaf == 0xb || leaf == 0x1f) && r == CpuidRegister.EDX || leaf == 0x8000001e) {
            return -1;
        }
        return 0;
    }

    @Test
    void namesWhatToHideToLookLikeASmallerCpu() {
        Path haswell = Path.of(System.getProperty("xrr.profiles.dir"), "intel-haswell-ep-xeon-e5-2630v3.json");
        CliRun run = CliRun.of("cpufeatures", "--for", haswell.toString());
        assertEquals(0, run.status(), run.err());
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].startsWith("--mask "), run.out());
        if ((HostCpu.xcr0() & 0xe0) != 0) {
            assertTrue(lines[0].contains("avx512f"), "this host has AVX-512, Haswell does not: " + lines[0]);
        }
        assertTrue((lines[1] + "\n").matches(RR_FORMAT), lines[1]);
    }

    @Test
    void aMissingProfileIsOneLine() {
        CliRun run = CliRun.of("cpufeatures", "--for", tmp.resolve("nope.json").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("xrr: ") && run.err().contains("nope.json"), run.err());
        assertEquals(1, run.err().lines().count());
    }
}
