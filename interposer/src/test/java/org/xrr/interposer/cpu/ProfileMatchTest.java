package org.xrr.interposer.cpu;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileMatchTest {
    @Test
    void listsWhatSkylakeHasAndHaswellLacks() {
        CpuModel skylake = Profiles.hostModel(Profiles.SKYLAKE);
        CpuProfile haswell = Profiles.load(Profiles.HASWELL);
        ProfileMatch match = ProfileMatch.between(skylake, haswell);

        List<String> names = Arrays.asList(match.maskOption().split(","));
        assertEquals(names.stream().sorted().toList(), names, "sorted");
        assertTrue(names.containsAll(List.of("avx512f", "avx512bw", "mpx", "rdseed", "adx", "xsavec", "xsaves", "pku", "smap")),
                match.maskOption());
        assertFalse(names.contains("avx2"));

        Set<CpuFeature> expected = new HashSet<>(FeatureCatalogue.presentIn(Profiles.load(Profiles.SKYLAKE).table()));
        expected.removeAll(FeatureCatalogue.presentIn(haswell.table()));
        assertEquals(expected, Set.copyOf(match.featuresToMask()));
    }

    @Test
    void maskingTheListLeavesTheIntersection() {
        CpuProfile skylake = Profiles.load(Profiles.SKYLAKE);
        CpuProfile haswell = Profiles.load(Profiles.HASWELL);
        ProfileMatch match = ProfileMatch.between(Profiles.hostOf(skylake).build(), haswell);
        CpuModel masked = Profiles.hostOf(skylake).mask(match.maskOption().split(",")).build();

        Set<CpuFeature> both = new HashSet<>(FeatureCatalogue.presentIn(skylake.table()));
        both.retainAll(FeatureCatalogue.presentIn(haswell.table()));
        assertEquals(both, masked.features());
        assertEquals(0x7, masked.xcr0());
        ModelInvariants.assertConsistent(masked, Profiles.SKYLAKE);
    }

    @Test
    void givesTheSameLimitInRrTerms() {
        CpuProfile zen4 = Profiles.load(Profiles.ZEN4);
        CpuProfile zen2 = Profiles.load(Profiles.ZEN2);
        RrFeatureMasks rr = ProfileMatch.between(Profiles.hostOf(zen4).build(), zen2).rrMasks();
        RawProfile z4 = RawProfile.read(Profiles.ZEN4);
        RawProfile z2 = RawProfile.read(Profiles.ZEN2);
        assertEquals(z4.reg(0x1, 0, "ecx") & ~z2.reg(0x1, 0, "ecx"), rr.featuresEcx());
        assertEquals(z4.reg(0x7, 0, "ebx") & ~z2.reg(0x7, 0, "ebx"), rr.extendedEbx());
        assertEquals(z4.reg(0x7, 0, "ecx") & ~z2.reg(0x7, 0, "ecx"), rr.extendedEcx());
        assertEquals(z4.reg(0x7, 0, "edx") & ~z2.reg(0x7, 0, "edx"), rr.extendedEdx());
        assertTrue((rr.extendedEbx() & (1 << 16)) != 0, "Zen 2 has no AVX-512");

        CpuModel limited = Profiles.hostOf(zen4).disable(rr).build();
        assertFalse(limited.has(FeatureCatalogue.named("avx512f")));
        assertEquals(0x7, limited.xcr0());
        for (CpuFeature f : limited.features()) {
            boolean inRrRegisters = f.leaf() == 0x1 || (f.leaf() == 0x7 && f.subleaf() == 0) || (f.leaf() == 0xD && f.subleaf() == 1);
            if (inRrRegisters) {
                assertTrue(f.isSetIn(zen2.table()) || f.kind() == FeatureKind.OS_STATE, f + " is not on Zen 2");
            }
        }
        assertTrue(limited.has(FeatureCatalogue.named("cppc")), "rr's options do not reach leaf 0x80000008");
        assertFalse(Profiles.hostOf(zen4).mask(ProfileMatch.between(Profiles.hostOf(zen4).build(), zen2).maskOption().split(","))
                .build().has(FeatureCatalogue.named("cppc")), "the --mask list does");
    }

    @Test
    void asksForNothingWhenTheProfileIsTheHost() {
        ProfileMatch match = ProfileMatch.between(Profiles.hostModel(Profiles.ZEN4), Profiles.load(Profiles.ZEN4));
        assertEquals("", match.maskOption());
        assertEquals(RrFeatureMasks.NONE, match.rrMasks());
    }
}
