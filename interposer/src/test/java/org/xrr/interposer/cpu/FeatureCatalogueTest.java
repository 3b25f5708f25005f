package org.xrr.interposer.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureCatalogueTest {
    @ParameterizedTest
    @CsvSource({
        "pni, 0x1, 0, ECX, 0",
        "sse4_2, 0x1, 0, ECX, 20",
        "xsave, 0x1, 0, ECX, 26",
        "osxsave, 0x1, 0, ECX, 27",
        "avx, 0x1, 0, ECX, 28",
        "rdrand, 0x1, 0, ECX, 30",
        "sse2, 0x1, 0, EDX, 26",
        "hle, 0x7, 0, EBX, 4",
        "avx2, 0x7, 0, EBX, 5",
        "rtm, 0x7, 0, EBX, 11",
        "avx512f, 0x7, 0, EBX, 16",
        "rdseed, 0x7, 0, EBX, 18",
        "pku, 0x7, 0, ECX, 3",
        "ospke, 0x7, 0, ECX, 4",
        "avx512_vnni, 0x7, 0, ECX, 11",
        "amx_tile, 0x7, 0, EDX, 24",
        "avx_vnni, 0x7, 1, EAX, 4",
        "avx512_bf16, 0x7, 1, EAX, 5",
        "xsaveopt, 0xD, 1, EAX, 0",
        "xsavec, 0xD, 1, EAX, 1",
        "xgetbv1, 0xD, 1, EAX, 2",
        "xsaves, 0xD, 1, EAX, 3",
        "lahf_lm, 0x80000001, 0, ECX, 0",
        "lm, 0x80000001, 0, EDX, 29",
        "clzero, 0x80000008, 0, EBX, 0",
    })
    void placesFeaturesWhereLinuxDoes(String name, String leaf, int subleaf, CpuidRegister register, int bit) {
        CpuFeature f = FeatureCatalogue.named(name);
        assertEquals(Long.decode(leaf).intValue(), f.leaf());
        assertEquals(subleaf, f.subleaf());
        assertEquals(register, f.register());
        assertEquals(bit, f.bit());
    }

    @Test
    void namesEveryBitLinuxNamesInLeafOne() {
        assertEquals(allBitsBut(16), bitsNamed(0x1, 0, CpuidRegister.ECX));
        assertEquals(allBitsBut(10, 20), bitsNamed(0x1, 0, CpuidRegister.EDX));
        assertEquals(Set.of(0, 1, 2, 3, 4), bitsNamed(0xD, 1, CpuidRegister.EAX));
        assertEquals(Set.of(11, 19, 20, 22, 25, 26, 27, 29, 30, 31), bitsNamed(0x80000001, 0, CpuidRegister.EDX));
    }

    @Test
    void namesAreUniqueLowerCaseAndResolvable() {
        Set<String> names = new HashSet<>();
        Set<String> locations = new HashSet<>();
        for (CpuFeature f : FeatureCatalogue.all()) {
            assertTrue(f.name().matches("[a-z0-9_]+"), f.name());
            assertTrue(names.add(f.name()), "duplicate " + f.name());
            assertTrue(locations.add(f.location()), "duplicate " + f.location());
            for (String required : f.requires()) {
                assertTrue(FeatureCatalogue.find(required).isPresent(), f + " requires unknown " + required);
            }
        }
        assertTrue(FeatureCatalogue.all().size() > 200, "the catalogue covers every named bit of its leaves");
        assertEquals("avx512f", FeatureCatalogue.named(" AVX512F ").name());
    }

    @Test
    void maskingAvx512fMasksEveryAvx512Feature() {
        Set<String> masked = names(FeatureCatalogue.maskedWith(FeatureCatalogue.named("avx512f")));
        Set<String> avx512 = FeatureCatalogue.all().stream().map(CpuFeature::name).filter(n -> n.startsWith("avx512"))
                .collect(Collectors.toSet());
        assertTrue(avx512.size() >= 18, avx512.toString());
        assertEquals(avx512, masked);
    }

    @Test
    void maskingAvxMasksEverythingThatNeedsYmmState() {
        Set<String> masked = names(FeatureCatalogue.maskedWith(FeatureCatalogue.named("avx")));
        assertTrue(masked.containsAll(List.of("avx", "avx2", "fma", "f16c", "vaes", "vpclmulqdq", "avx_vnni", "avx_ifma",
                "avx512f", "avx512vl", "avx512_bf16", "avx512_fp16", "xop", "fma4")), masked.toString());
        assertFalse(masked.contains("sse4_2"));
        assertFalse(masked.contains("xsave"));
        assertFalse(masked.contains("aes"));
        for (CpuFeature f : FeatureCatalogue.all()) {
            if ((f.xcr0Needs() & Xcr0.AVX) != 0) {
                assertTrue(masked.contains(f.name()), f + " needs AVX state but survives masking avx");
            }
        }
    }

    @Test
    void maskingXsaveMasksEverythingThatNeedsXcr0BeyondLegacyState() {
        Set<CpuFeature> masked = FeatureCatalogue.maskedWith(FeatureCatalogue.named("xsave"));
        assertTrue(names(masked).containsAll(List.of("osxsave", "xsaveopt", "xsavec", "xgetbv1", "xsaves", "xfd",
                "avx", "avx2", "avx512f", "mpx", "pku", "ospke", "amx_tile", "amx_int8", "amx_bf16", "amx_fp16")));
        for (CpuFeature f : FeatureCatalogue.all()) {
            if (f.xcr0Needs() != 0) {
                assertTrue(masked.contains(f), f + " needs XCR0 " + Xcr0.describe(f.xcr0Needs()) + " but survives masking xsave");
            }
        }
        assertFalse(names(masked).contains("sse2"));
    }

    @Test
    void followsLinuxDependencies() {
        assertTrue(names(FeatureCatalogue.maskedWith(FeatureCatalogue.named("sse2"))).containsAll(
                List.of("pni", "ssse3", "sse4_1", "sse4_2", "aes", "pclmulqdq", "sha_ni", "gfni")));
        assertTrue(names(FeatureCatalogue.maskedWith(FeatureCatalogue.named("xsaves"))).containsAll(
                List.of("xfd", "amx_tile", "amx_int8", "enqcmd", "shstk")));
        assertEquals(Set.of("pku", "ospke"), names(FeatureCatalogue.maskedWith(FeatureCatalogue.named("pku"))));
        assertEquals(Set.of("rdrand"), names(FeatureCatalogue.maskedWith(FeatureCatalogue.named("rdrand"))));
        assertTrue(names(FeatureCatalogue.maskedWith(FeatureCatalogue.named("avx512bw"))).contains("avx512_fp16"));
    }

    @Test
    void knowsWhichXcr0ComponentsEachFeatureNeedsAndOwns() {
        assertEquals(Xcr0.AVX, FeatureCatalogue.named("avx").xcr0Needs());
        for (CpuFeature f : FeatureCatalogue.all()) {
            if (f.name().startsWith("avx512")) {
                assertEquals(Xcr0.AVX | Xcr0.AVX512, f.xcr0Needs(), f.name());
            }
        }
        for (String amx : List.of("amx_tile", "amx_int8", "amx_bf16", "amx_fp16")) {
            assertEquals(Xcr0.AMX, FeatureCatalogue.named(amx).xcr0Needs(), amx);
        }
        assertEquals(Xcr0.PKRU, FeatureCatalogue.named("pku").xcr0Needs());
        assertEquals(Xcr0.PKRU, FeatureCatalogue.named("ospke").xcr0Needs());
        assertEquals(Xcr0.MPX, FeatureCatalogue.named("mpx").xcr0Needs());
        assertEquals(0, FeatureCatalogue.named("sse4_2").xcr0Needs());

        assertEquals(Xcr0.AVX, FeatureCatalogue.named("avx").xcr0Owns());
        assertEquals(Xcr0.AVX512, FeatureCatalogue.named("avx512f").xcr0Owns());
        assertEquals(Xcr0.AMX, FeatureCatalogue.named("amx_tile").xcr0Owns());
        assertEquals(Xcr0.PKRU, FeatureCatalogue.named("pku").xcr0Owns());
        assertEquals(Xcr0.MPX, FeatureCatalogue.named("mpx").xcr0Owns());
        assertEquals(0, FeatureCatalogue.named("avx2").xcr0Owns());
    }

    @Test
    void tellsUserFeaturesFromSystemOnesAndOsState() {
        Set<String> os = FeatureCatalogue.all().stream().filter(f -> f.kind() == FeatureKind.OS_STATE)
                .map(CpuFeature::name).collect(Collectors.toSet());
        assertEquals(Set.of("osxsave", "ospke"), os);
        for (String user : List.of("fpu", "sse2", "avx", "avx512f", "rdrand", "rdseed", "hle", "rtm", "xsave", "xsavec",
                "xgetbv1", "pku", "lm", "syscall", "lahf_lm", "clzero", "rdpid", "amx_tile", "cmpccxadd")) {
            assertEquals(FeatureKind.USER, FeatureCatalogue.named(user).kind(), user);
        }
        for (String system : List.of("vmx", "acpi", "est", "tm2", "xsaves", "xfd", "md_clear", "spec_ctrl", "erms", "fsrm",
                "hypervisor", "svm", "amd_ibpb")) {
            assertEquals(FeatureKind.SYSTEM, FeatureCatalogue.named(system).kind(), system);
        }
    }

    @Test
    void suggestsTheClosestNames() {
        List<String> avx512 = FeatureCatalogue.closest("avx512");
        assertEquals("avx512f", avx512.get(0));
        assertTrue(avx512.size() > 1 && avx512.stream().allMatch(n -> n.startsWith("avx")), avx512.toString());
        assertEquals("sse4_2", FeatureCatalogue.closest("sse42").get(0));
        assertEquals(List.of("xsave", "xsavec"), FeatureCatalogue.closest("xsavc").subList(0, 2));
        assertEquals("avx512_vnni", FeatureCatalogue.closest("avx512vnni").get(0));
        assertTrue(FeatureCatalogue.closest("completely-unrelated").isEmpty());
    }

    @Test
    void refusesUnknownNamesWithSuggestions() {
        UnknownFeatureException e = assertThrows(UnknownFeatureException.class, () -> FeatureCatalogue.named("avx512"));
        assertEquals("avx512", e.name());
        assertTrue(e.getMessage().startsWith("unknown CPU feature \"avx512\"; did you mean avx512f, "), e.getMessage());
        UnknownFeatureException far = assertThrows(UnknownFeatureException.class, () -> FeatureCatalogue.named("quantum"));
        assertTrue(far.getMessage().contains("/proc/cpuinfo"), far.getMessage());
    }

    @Test
    void findsTheFeaturesAtRawBits() {
        assertEquals(List.of("avx", "f16c"), names(FeatureCatalogue.at(0x1, 0, CpuidRegister.ECX, (1 << 28) | (1 << 29) | (1 << 16))));
        assertTrue(FeatureCatalogue.at(0x7, 0, CpuidRegister.EBX, 0).isEmpty());
    }

    @Test
    void findsTheFeaturesATableShows() {
        Set<String> skylake = names(FeatureCatalogue.presentIn(Profiles.load(Profiles.SKYLAKE).table()));
        assertTrue(skylake.containsAll(List.of("avx512f", "avx512vl", "mpx", "pku", "xsavec", "lm", "osxsave")));
        assertFalse(skylake.contains("amx_tile"));
        assertFalse(skylake.contains("ospke"), "the dump's OS had not enabled protection keys");
    }

    private static Set<Integer> allBitsBut(int... reserved) {
        Set<Integer> bits = new HashSet<>();
        for (int i = 0; i < 32; i++) {
            bits.add(i);
        }
        for (int r : reserved) {
            bits.remove(r);
        }
        return bits;
    }

    private static Set<Integer> bitsNamed(int leaf, int subleaf, CpuidRegister register) {
        return FeatureCatalogue.all().stream()
                .filter(f -> f.leaf() == leaf && f.subleaf() == subleaf && f.register() == register)
                .map(CpuFeature::bit).collect(Collectors.toSet());
    }

    private static Set<String> names(Set<CpuFeature> features) {
        return features.stream().map(CpuFeature::name).collect(Collectors.toSet());
    }

    private static List<String> names(List<CpuFeature> features) {
        return features.stream().map(CpuFeature::name).toList();
    }
}
