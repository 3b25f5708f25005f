package org.xrr.interposer.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host models: what a program sees with nothing masked. */
class CpuModelTest {
    static List<String> profiles() {
        return Profiles.all();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "intel-skylake-sp-xeon-platinum-8160.json | GenuineIntel | 0x6 | 0x55 | 4 | Intel(R) Xeon(R) Platinum 8160 CPU @ 2.10GHz",
        "intel-haswell-ep-xeon-e5-2630v3.json | GenuineIntel | 0x6 | 0x3f | 2 | Intel(R) Xeon(R) CPU E5-2630 v3 @ 2.40GHz",
        "intel-sapphirerapids-xeon-w9-3475x.json | GenuineIntel | 0x6 | 0x8f | 8 | Intel(R) Xeon(R) w9-3475X",
        "intel-sandybridge-e-core-i7-3930k.json | GenuineIntel | 0x6 | 0x2d | 7 | Intel(R) Core(TM) i7-3930K CPU @ 3.20GHz",
        "amd-zen4-genoa-epyc-9654.json | AuthenticAMD | 0x19 | 0x11 | 1 | AMD EPYC 9654 96-Core Processor",
        "amd-zen2-rome-epyc-7742.json | AuthenticAMD | 0x17 | 0x31 | 0 | AMD EPYC 7742 64-Core Processor",
    })
    void decodesWhoTheCpuIs(String file, String vendor, String family, String model, int stepping, String brand) {
        CpuModel m = Profiles.hostModel(file);
        assertEquals(vendor, m.vendor());
        assertEquals(Integer.decode(family), m.family());
        assertEquals(Integer.decode(model), m.model());
        assertEquals(stepping, m.stepping());
        assertEquals(brand, m.brand());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void showsTheHostAsItIsOutsideLeaf0xD(String file) {
        CpuProfile host = Profiles.load(file);
        CpuModel m = Profiles.hostOf(host).build();
        int[] seen = new int[4];
        for (CpuidTable.Entry e : host.table()) {
            if (e.leaf() != 0xD) {
                m.cpuid(e.leaf(), e.subleaf(), seen);
                assertArrayEquals(new int[] {e.eax(), e.ebx(), e.ecx(), e.edx()}, seen, file + ": " + e);
            }
        }
        assertEquals(FeatureCatalogue.presentIn(host.table()), m.features());
        assertEquals(host.xcr0(), m.xcr0());
        ModelInvariants.assertConsistent(m, file);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void reproducesTheDumpedXsaveSizes(String file) {
        RawProfile raw = RawProfile.read(file);
        CpuModel m = Profiles.hostModel(file);
        int[] r = new int[4];
        m.cpuid(0xD, 0, r);
        assertEquals(raw.reg(0xD, 0, "ebx"), r[1], "standard size for the enabled XCR0");
        m.cpuid(0xD, 1, r);
        assertEquals(raw.reg(0xD, 1, "eax"), r[0]);
        assertEquals(raw.reg(0xD, 1, "ebx"), r[1], "compacted size for XCR0 | IA32_XSS");
        assertEquals(raw.reg(0xD, 1, "ecx"), r[2]);
    }

    @Test
    void leafZeroXDAdvertisesExactlyTheEnabledXcr0() {
        CpuModel skylake = Profiles.hostModel(Profiles.SKYLAKE);
        int[] r = new int[4];
        skylake.cpuid(0xD, 0, r);
        assertArrayEquals(new int[] {0xff, 0xa80, 0xa80, 0}, r, "the dump says 0x2ff supported and 0xa88 for all of it");
        skylake.cpuid(0xD, 9, r);
        assertArrayEquals(new int[4], r, "PKRU is supported but not enabled");
        skylake.cpuid(0xD, 8, r);
        assertArrayEquals(new int[] {0x80, 0, 1, 0}, r, "the supervisor PT component stays: XSAVES can save it");
        assertEquals(0xa80, skylake.xsaveStandardSize());
    }

    @Test
    void aHostWhoseOsEnabledEverythingIsShownUnchanged() {
        CpuProfile haswell = Profiles.load(Profiles.HASWELL);
        assertEquals(haswell.table(), Profiles.hostOf(haswell).build().table());
    }

    @Test
    void xgetbvReadsXcr0AndXinuse() {
        CpuModel skylake = Profiles.hostModel(Profiles.SKYLAKE);
        long[] out = new long[1];
        assertEquals(InstructionOutcome.OK, skylake.xgetbv(0, 0, out));
        assertEquals(0xff, out[0]);
        assertEquals(InstructionOutcome.OK, skylake.xgetbv(1, 0x203, out));
        assertEquals(0x3, out[0], "XINUSE limited to XCR0");
        assertEquals(InstructionOutcome.GP, skylake.xgetbv(2, 0, out));
        assertEquals(InstructionOutcome.GP, skylake.xgetbv(-1, 0, out));
        assertTrue(skylake.xsaveEnabled());
    }

    @Test
    void xgetbvOneFaultsWithoutXgetbv1() {
        CpuModel haswell = Profiles.hostModel(Profiles.HASWELL);
        assertFalse(haswell.has(FeatureCatalogue.named("xgetbv1")));
        long[] out = {42};
        assertEquals(InstructionOutcome.GP, haswell.xgetbv(1, -1L, out));
        assertEquals(42, out[0], "a faulting XGETBV writes nothing");
        assertEquals(InstructionOutcome.OK, haswell.xgetbv(0, 0, out));
        assertEquals(0x7, out[0]);
    }

    @Test
    void hotPathsAllocateNothing() {
        CpuModel m = Profiles.hostModel(Profiles.SAPPHIRE_RAPIDS);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int[] regs = new int[4];
        long[] value = new long[1];
        int[] leaves = {0x0, 0x1, 0x7, 0xD, 0x80000001, 0x80000008, 0x12345};
        long sink = 0;
        for (int round = 0; round < 2; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200_000; i++) {
                m.cpuid(leaves[i % leaves.length], i & 3, regs);
                m.xgetbv(i & 1, 0xff, value);
                sink += regs[1] + value[0];
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 4096, "400,000 calls allocated " + allocated + " bytes");
        }
        assertTrue(sink != 0);
    }

    @Test
    void reportsFeatures() {
        CpuModel skylake = Profiles.hostModel(Profiles.SKYLAKE);
        assertTrue(skylake.has(FeatureCatalogue.named("avx512f")));
        assertFalse(skylake.has(FeatureCatalogue.named("amx_tile")));
        assertTrue(skylake.features().contains(FeatureCatalogue.named("mpx")));
        List<CpuFeature> inOrder = List.copyOf(skylake.features());
        assertEquals(FeatureCatalogue.all().stream().filter(inOrder::contains).toList(), inOrder, "catalogue order");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void rebuildingAModelFromItselfChangesNothing(String file) {
        CpuModel once = Profiles.hostOf(Profiles.load(file)).mask("avx2").build();
        CpuModel twice = new CpuModelBuilder(once.table(), once.xcr0()).build();
        assertEquals(once, twice);
        assertEquals(once.hashCode(), twice.hashCode());
    }
}
