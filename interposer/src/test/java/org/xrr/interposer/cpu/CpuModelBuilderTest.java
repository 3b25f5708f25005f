package org.xrr.interposer.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuModelBuilderTest {
    private static final int[] ZEROS = new int[4];

    @Test
    void maskingAvx512fOnSkylakeLeavesNoTraceOfAvx512() {
        RawProfile raw = RawProfile.read(Profiles.SKYLAKE);
        CpuModel m = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE)).mask("avx512f").build();

        int[] r = new int[4];
        m.cpuid(0x7, 0, r);
        // Every AVX-512 bit of leaf 7 subleaf 0: F DQ IFMA PF ER CD BW VL / VBMI VBMI2 VNNI BITALG VPOPCNTDQ / 4VNNIW 4FMAPS VP2INTERSECT FP16.
        assertEquals(0, r[1] & 0xdc230000, Integer.toHexString(r[1]));
        assertEquals(0, r[2] & 0x00005842, Integer.toHexString(r[2]));
        assertEquals(0, r[3] & 0x0080010c, Integer.toHexString(r[3]));
        assertEquals(raw.reg(0x7, 0, "ebx") & ~0xdc230000, r[1], "nothing else in EBX changes");
        assertTrue(m.features().stream().noneMatch(f -> f.name().startsWith("avx512")));
        assertTrue(m.has(FeatureCatalogue.named("avx2")));

        assertEquals(0x1f, m.xcr0());
        long[] x = new long[1];
        assertEquals(InstructionOutcome.OK, m.xgetbv(0, 0, x));
        assertEquals(0x1f, x[0]);

        // Standard size for x87|SSE|AVX|BNDREGS|BNDCSR, from the dump's own offsets: the furthest
        // component end is BNDCSR at 0x400 + 0x40.
        int standard = Math.max(576, Math.max(raw.reg(0xD, 2, "ebx") + raw.reg(0xD, 2, "eax"),
                Math.max(raw.reg(0xD, 3, "ebx") + raw.reg(0xD, 3, "eax"), raw.reg(0xD, 4, "ebx") + raw.reg(0xD, 4, "eax"))));
        assertEquals(0x440, standard);
        m.cpuid(0xD, 0, r);
        assertArrayEquals(new int[] {0x1f, standard, standard, 0}, r);
        assertEquals(standard, m.xsaveStandardSize());
        for (int i = 5; i <= 7; i++) {
            m.cpuid(0xD, i, r);
            assertArrayEquals(ZEROS, r, "subleaf " + i);
        }
        // Compacted: 576 + AVX 256 + BNDREGS 64 + BNDCSR 64, plus the host's 128 bytes of PT (IA32_XSS) state.
        m.cpuid(0xD, 1, r);
        assertEquals(576 + 256 + 64 + 64 + 128, r[1]);
        ModelInvariants.assertConsistent(m, Profiles.SKYLAKE);
    }

    @Test
    void glibcSizesItsBufferForTheMaskedCpu() {
        CpuModel host = Profiles.hostModel(Profiles.SKYLAKE);
        CpuModel masked = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE)).mask("avx512f").build();
        assertEquals(576 + 256 + 64 + 64 + 512 + 1024, GlibcXsaveSizing.compactedSize(host), "AVX, MPX and AVX-512");
        assertEquals(576 + 256 + 64, GlibcXsaveSizing.compactedSize(masked), "AVX and BNDREGS; AVX-512 gone");
    }

    @Test
    void maskingAmxTileOnSapphireRapidsDropsTheTileState() {
        CpuModel m = Profiles.hostOf(Profiles.load(Profiles.SAPPHIRE_RAPIDS)).mask("amx_tile").build();
        assertEquals(0x600e7 & ~(Xcr0.XTILECFG | Xcr0.XTILEDATA), m.xcr0());
        for (String amx : List.of("amx_tile", "amx_int8", "amx_bf16", "amx_fp16")) {
            assertFalse(m.has(FeatureCatalogue.named(amx)), amx);
        }
        assertTrue(m.has(FeatureCatalogue.named("avx512f")));
        int[] r = new int[4];
        m.cpuid(0xD, 17, r);
        assertArrayEquals(ZEROS, r);
        m.cpuid(0xD, 18, r);
        assertArrayEquals(ZEROS, r);
        assertEquals(RawProfile.read(Profiles.SAPPHIRE_RAPIDS).standardSize(0xe7), m.xsaveStandardSize());
        assertEquals(0xa80, m.xsaveStandardSize());
        ModelInvariants.assertConsistent(m, Profiles.SAPPHIRE_RAPIDS);
    }

    @Test
    void zen4PresentingHaswellLooksLikeHaswellWithWhatBothHave() {
        CpuProfile zen4 = Profiles.load(Profiles.ZEN4);
        CpuProfile haswell = Profiles.load(Profiles.HASWELL);
        CpuModel m = Profiles.hostOf(zen4).present(haswell).build();

        assertEquals("GenuineIntel", m.vendor());
        assertEquals(6, m.family());
        assertEquals(0x3f, m.model());
        assertEquals(2, m.stepping());
        assertEquals("Intel(R) Xeon(R) CPU E5-2630 v3 @ 2.40GHz", m.brand());

        Set<CpuFeature> both = new HashSet<>(FeatureCatalogue.presentIn(haswell.table()));
        both.retainAll(FeatureCatalogue.presentIn(zen4.table()));
        assertEquals(both, m.features());
        assertTrue(m.has(FeatureCatalogue.named("avx2")));
        assertFalse(m.has(FeatureCatalogue.named("avx512f")));

        assertEquals(0x7, m.xcr0());
        int[] r = new int[4];
        m.cpuid(0x4, 0, r);
        assertEquals(RawProfile.read(Profiles.HASWELL).reg(0x4, 0, "eax"), r[0], "Intel's cache leaf, which AMD lacks");
        m.cpuid(0x0, 0, r);
        assertEquals(0xf, r[0]);
        m.cpuid(0x8000001E, 0, r);
        assertArrayEquals(ZEROS, r, "beyond Haswell's highest extended leaf");
        ModelInvariants.assertConsistent(m, Profiles.ZEN4);
    }

    @Test
    void haswellCannotPresentSkylakeUnforced() {
        CpuProfile haswell = Profiles.load(Profiles.HASWELL);
        CpuProfile skylake = Profiles.load(Profiles.SKYLAKE);
        ProfileExceedsHostException e = assertThrows(ProfileExceedsHostException.class,
                () -> Profiles.hostOf(haswell).present(skylake).build());

        Set<CpuFeature> expected = new HashSet<>(FeatureCatalogue.presentIn(skylake.table()));
        expected.removeAll(FeatureCatalogue.presentIn(haswell.table()));
        expected.removeIf(f -> f.kind() != FeatureKind.USER);
        assertEquals(expected, Set.copyOf(e.missing()));
        for (String name : List.of("avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl", "mpx", "rdseed", "adx",
                "clflushopt", "clwb", "pku", "xsavec", "xgetbv1", "hle", "rtm")) {
            assertTrue(e.getMessage().matches(".*[ :]" + name + "[,;].*"), name + " in: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("smap"), "a kernel facility is no reason to refuse: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("this host cannot present \"Intel Xeon Platinum 8160"), e.getMessage());
        List<String> names = e.missing().stream().map(CpuFeature::name).toList();
        assertEquals(names.stream().sorted().toList(), names, "sorted by name");
    }

    @Test
    void forcingPresentsSkylakeLimitedToHaswell() {
        CpuProfile haswell = Profiles.load(Profiles.HASWELL);
        CpuProfile skylake = Profiles.load(Profiles.SKYLAKE);
        CpuModel m = Profiles.hostOf(haswell).present(skylake).force(true).build();

        assertEquals(0x55, m.model());
        assertEquals("Intel(R) Xeon(R) Platinum 8160 CPU @ 2.10GHz", m.brand());
        Set<CpuFeature> both = new HashSet<>(FeatureCatalogue.presentIn(skylake.table()));
        both.retainAll(FeatureCatalogue.presentIn(haswell.table()));
        assertEquals(both, m.features());
        assertFalse(m.has(FeatureCatalogue.named("avx512f")));
        assertFalse(m.has(FeatureCatalogue.named("mpx")));
        assertEquals(0x7, m.xcr0());
        assertEquals(0x340, m.xsaveStandardSize());
        ModelInvariants.assertConsistent(m, Profiles.HASWELL);
    }

    @Test
    void presentingTheHostItselfChangesNothing() {
        CpuProfile zen4 = Profiles.load(Profiles.ZEN4);
        assertEquals(Profiles.hostOf(zen4).build(), Profiles.hostOf(zen4).present(zen4).build());
    }

    @Test
    void presentingAnIntelCpuOnAmdKeepsAmdsCopiesOfLeafOneBitsOnlyWhereBothHaveThem() {
        CpuModel m = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE)).present(Profiles.load(Profiles.ZEN2)).force(true).build();
        int[] r = new int[4];
        m.cpuid(0x80000001, 0, r);
        int leaf1Edx = m.table().get(0x1, 0, CpuidRegister.EDX);
        assertEquals(0x0183f3ff & leaf1Edx, r[3] & 0x0183f3ff, "FPU, MMX, FXSR... mirrored from leaf 1, not taken from Intel's zeros");
        assertEquals("AuthenticAMD", m.vendor());
    }

    @Test
    void unknownMaskNamesSuggestTheClosest() {
        CpuModelBuilder b = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE));
        UnknownFeatureException e = assertThrows(UnknownFeatureException.class, () -> b.mask("avx512"));
        assertTrue(e.getMessage().contains("did you mean avx512f"), e.getMessage());
        assertTrue(e.suggestions().contains("avx512f"));
    }

    @Test
    void rrRawMaskOfAvxHidesEverythingBuiltOnIt() {
        CpuModel m = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE)).disableCpuidFeatures(1 << 28, 0).build();
        for (String gone : List.of("avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl")) {
            assertFalse(m.has(FeatureCatalogue.named(gone)), gone);
        }
        assertTrue(m.has(FeatureCatalogue.named("sse4_2")));
        assertEquals(0, m.xcr0() & Xcr0.AVX);
        assertEquals(Xcr0.LEGACY | Xcr0.MPX, m.xcr0());
        long[] x = new long[1];
        m.xgetbv(0, 0, x);
        assertEquals(0, x[0] & Xcr0.AVX);
        int[] r = new int[4];
        m.cpuid(0xD, 2, r);
        assertArrayEquals(ZEROS, r);
        ModelInvariants.assertConsistent(m, Profiles.SKYLAKE);
    }

    @Test
    void rrRawMasksClearUnnamedBitsToo() {
        CpuModel m = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE)).disableCpuidFeatures(0, 1 << 10).build();
        assertEquals(Profiles.load(Profiles.SKYLAKE).table().get(0x1, 0, CpuidRegister.EDX), m.table().get(0x1, 0, CpuidRegister.EDX),
                "bit 10 of leaf 1 EDX is reserved and clear on Skylake");
        CpuModel hidden = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE)).disableCpuidFeaturesExt(1 << 22, 0, 0).build();
        assertEquals(0, hidden.table().get(0x7, 0, CpuidRegister.EBX) & (1 << 22));
    }

    @Test
    void rrExtAndXsaveMasksWorkThroughTheCatalogue() {
        CpuProfile skylake = Profiles.load(Profiles.SKYLAKE);
        CpuModel viaRr = Profiles.hostOf(skylake).disableCpuidFeaturesExt(1 << 16, 0, 0).build();
        assertEquals(Profiles.hostOf(skylake).mask("avx512f").build(), viaRr);
        assertEquals(Profiles.hostOf(skylake).mask("avx512f").build(), Profiles.hostOf(skylake).disableAvx512().build());

        CpuModel noXsaves = Profiles.hostOf(skylake).disableCpuidFeaturesXsave(1 << 3).build();
        assertFalse(noXsaves.has(FeatureCatalogue.named("xsaves")));
        assertTrue(noXsaves.has(FeatureCatalogue.named("xsavec")));
        int[] r = new int[4];
        noXsaves.cpuid(0xD, 1, r);
        assertArrayEquals(new int[] {0x7, 0xa00, 0, 0}, r, "compacted size without supervisor state; no IA32_XSS");
        noXsaves.cpuid(0xD, 8, r);
        assertArrayEquals(ZEROS, r, "PT state is only reachable through XSAVES");
        ModelInvariants.assertConsistent(noXsaves, Profiles.SKYLAKE);
    }

    @Test
    void maskingXsaveTurnsXsaveOff() {
        CpuModel m = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE)).mask("xsave").build();
        assertFalse(m.xsaveEnabled());
        assertFalse(m.has(FeatureCatalogue.named("osxsave")));
        assertFalse(m.has(FeatureCatalogue.named("avx")));
        assertFalse(m.has(FeatureCatalogue.named("mpx")));
        assertFalse(m.has(FeatureCatalogue.named("xsaveopt")));
        assertEquals(0, m.table().get(0x1, 0, CpuidRegister.ECX) & (3 << 26), "XSAVE and OSXSAVE");
        assertEquals(Xcr0.LEGACY, m.xcr0());
        assertEquals(InstructionOutcome.UD, m.xgetbv(0, 0, new long[1]));
        assertEquals(0, m.xsaveStandardSize());
        assertTrue(m.table().entries().stream().noneMatch(e -> e.leaf() == 0xD));
        ModelInvariants.assertConsistent(m, Profiles.SKYLAKE);
    }

    @Test
    void maskingOsxsaveAloneAlsoTurnsXsaveUseOff() {
        CpuModel m = Profiles.hostOf(Profiles.load(Profiles.ZEN4)).mask("osxsave").build();
        assertTrue(m.has(FeatureCatalogue.named("xsave")), "the CPU still has XSAVE; the OS has not enabled it");
        assertFalse(m.xsaveEnabled());
        assertFalse(m.has(FeatureCatalogue.named("avx")), "no AVX state without an OS that saves it");
        assertEquals(InstructionOutcome.UD, m.xgetbv(0, 0, new long[1]));
        ModelInvariants.assertConsistent(m, Profiles.ZEN4);
    }

    @Test
    void aSmallerXcr0HidesWhatNeedsTheDroppedComponents() {
        CpuModel m = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE)).xcr0(0x7).build();
        assertEquals(0x7, m.xcr0());
        assertFalse(m.has(FeatureCatalogue.named("mpx")));
        assertFalse(m.has(FeatureCatalogue.named("avx512f")));
        assertTrue(m.has(FeatureCatalogue.named("avx2")));
        assertEquals(0x340, m.xsaveStandardSize());
        ModelInvariants.assertConsistent(m, Profiles.SKYLAKE);
    }

    @Test
    void refusesAnXcr0ThatCannotBe() {
        CpuModelBuilder b = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE));
        IllegalArgumentException noSse = assertThrows(IllegalArgumentException.class, () -> b.xcr0(0x1));
        assertTrue(noSse.getMessage().contains("must keep x87 and SSE"), noSse.getMessage());
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class, () -> b.xcr0(0x2ff));
        assertTrue(beyond.getMessage().contains("not a subset of the host XCR0 0xff"), beyond.getMessage());
        assertTrue(beyond.getMessage().contains("does not enable 0x200 (PKRU)"), beyond.getMessage());
        IllegalArgumentException halfAvx512 = assertThrows(IllegalArgumentException.class, () -> b.xcr0(0x27));
        assertTrue(halfAvx512.getMessage().contains("bits 5-7"), halfAvx512.getMessage());
        IllegalArgumentException halfMpx = assertThrows(IllegalArgumentException.class, () -> b.xcr0(0xf));
        assertTrue(halfMpx.getMessage().contains("BNDREGS and BNDCSR"), halfMpx.getMessage());
        IllegalArgumentException avx512WithoutAvx = assertThrows(IllegalArgumentException.class, () -> b.xcr0(0xe3));
        assertTrue(avx512WithoutAvx.getMessage().contains("need AVX"), avx512WithoutAvx.getMessage());
    }

    @Test
    void protectionKeysFollowPkuAndPkru() {
        // Skylake as a Linux host would run it: PKRU enabled, so OSPKE set and the standard image 8 bytes longer.
        CpuProfile dump = Profiles.load(Profiles.SKYLAKE);
        CpuidTable.Builder linux = dump.table().toBuilder();
        linux.set(0x7, 0, CpuidRegister.ECX, dump.table().get(0x7, 0, CpuidRegister.ECX) | (1 << 4));
        CpuModelBuilder host = new CpuModelBuilder(linux.build(), 0x2ff);

        CpuModel all = host.build();
        assertTrue(all.has(FeatureCatalogue.named("ospke")));
        assertEquals(0xa88, all.xsaveStandardSize());

        CpuModel noPku = new CpuModelBuilder(linux.build(), 0x2ff).mask("pku").build();
        assertFalse(noPku.has(FeatureCatalogue.named("ospke")));
        assertEquals(0xff, noPku.xcr0());
        assertEquals(0xa80, noPku.xsaveStandardSize());
        int[] r = new int[4];
        noPku.cpuid(0xD, 9, r);
        assertArrayEquals(ZEROS, r);

        CpuModel noPkru = new CpuModelBuilder(linux.build(), 0x2ff).xcr0(0xff).build();
        assertFalse(noPkru.has(FeatureCatalogue.named("ospke")));
        assertFalse(noPkru.has(FeatureCatalogue.named("pku")), "PKU needs its state component where the host enabled it");
    }

    @Test
    void amdCopiesOfLeafOneBitsGoWithThem() {
        CpuModel m = Profiles.hostOf(Profiles.load(Profiles.ZEN2)).mask("mmx").build();
        int[] r = new int[4];
        m.cpuid(0x1, 0, r);
        assertEquals(0, r[3] & (1 << 23));
        m.cpuid(0x80000001, 0, r);
        assertEquals(0, r[3] & (1 << 23), "AMD's copy of MMX");
        assertEquals(0, r[3] & (1 << 22), "mmxext needs mmx");
        assertTrue((r[3] & (1 << 24)) != 0, "FXSR stays");
    }

    static List<String> profiles() {
        return Profiles.all();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void everyMaskOnEveryHostGivesAConsistentModel(String file) {
        CpuProfile host = Profiles.load(file);
        List<List<String>> maskSets = List.of(List.of(), List.of("avx512f"), List.of("avx"), List.of("avx2"),
                List.of("xsave"), List.of("xsavec", "xsaves"), List.of("pku"), List.of("amx_tile"), List.of("sse2"),
                List.of("xgetbv1"), List.of("mpx", "rdrand", "rdseed", "hle", "rtm"));
        for (List<String> masks : maskSets) {
            CpuModel m = Profiles.hostOf(host).maskNames(masks).build();
            for (String name : masks) {
                for (CpuFeature hidden : FeatureCatalogue.maskedWith(FeatureCatalogue.named(name))) {
                    assertFalse(m.has(hidden), file + " " + masks + ": " + hidden);
                }
            }
            ModelInvariants.assertConsistent(m, file);
        }
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void presentingAnyProfileOnThisHostNeverExceedsEither(String hostFile) {
        CpuProfile host = Profiles.load(hostFile);
        for (String targetFile : Profiles.all()) {
            CpuProfile target = Profiles.load(targetFile);
            CpuModel m = Profiles.hostOf(host).present(target).force(true).build();
            Set<CpuFeature> allowed = new HashSet<>(FeatureCatalogue.presentIn(host.table()));
            allowed.retainAll(FeatureCatalogue.presentIn(target.table()));
            List<String> extra = new ArrayList<>();
            for (CpuFeature f : m.features()) {
                if (!allowed.contains(f) && f.kind() != FeatureKind.OS_STATE) {
                    extra.add(f.name());
                }
            }
            assertTrue(extra.isEmpty(), hostFile + " presenting " + targetFile + " shows " + extra);
            long both = target.xcr0() & host.xcr0();
            assertEquals(0, m.xcr0() & ~both, "XCR0 within profile & host");
            long dropped = both & ~m.xcr0();
            assertEquals(dropped, dropped & ownedByHidden(m), "only components of hidden features are dropped");
            assertEquals(CpuIdentity.vendor(target.table()), m.vendor());
            ModelInvariants.assertConsistent(m, hostFile);
        }
    }

    private static long ownedByHidden(CpuModel m) {
        return FeatureCatalogue.all().stream().filter(f -> !m.has(f)).mapToLong(CpuFeature::xcr0Owns).reduce(0, (a, b) -> a | b);
    }

    @Test
    void masksByFeatureAndByNameAgree() {
        CpuProfile zen4 = Profiles.load(Profiles.ZEN4);
        CpuModel byName = Profiles.hostOf(zen4).mask("avx512_vnni", "vaes").build();
        CpuModel byFeature = Profiles.hostOf(zen4).mask(FeatureCatalogue.named("avx512_vnni"), FeatureCatalogue.named("vaes")).build();
        assertEquals(byName, byFeature);
        Set<String> gone = FeatureCatalogue.presentIn(zen4.table()).stream().filter(f -> !byName.has(f))
                .map(CpuFeature::name).collect(Collectors.toSet());
        assertEquals(Set.of("avx512_vnni", "vaes"), gone);
    }
}
