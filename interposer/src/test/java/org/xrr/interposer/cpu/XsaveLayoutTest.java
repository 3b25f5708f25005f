package org.xrr.interposer.cpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class XsaveLayoutTest {
    @Test
    void readsEachEnabledComponentFromLeafD() {
        XsaveLayout zen4 = XsaveLayout.of(Profiles.load(Profiles.ZEN4));
        assertEquals(List.of(2, 5, 6, 7), zen4.components().stream().map(XsaveLayout.Component::index).toList());
        assertEquals(new XsaveLayout.Component(2, 256, 0x240, false), zen4.component(2));
        assertEquals(new XsaveLayout.Component(5, 64, 0x340, false), zen4.component(5));
        assertEquals(new XsaveLayout.Component(7, 1024, 0x580, false), zen4.component(7));
        assertNull(zen4.component(9), "PKRU is supported but not enabled in the dump's XCR0");
        XsaveLayout sapphire = XsaveLayout.of(Profiles.load(Profiles.SAPPHIRE_RAPIDS));
        assertEquals(new XsaveLayout.Component(18, 8192, 0xb00, true), sapphire.component(18));
    }

    /** rr issue 3573: AMD puts the AVX-512 components 0x100 bytes lower than Intel; AVX is where both put it. */
    @Test
    void amdAndIntelAgreeOnAvxButNotOnAvx512() {
        CpuidTable zen4 = Profiles.load(Profiles.ZEN4).table();
        CpuidTable skylake = Profiles.load(Profiles.SKYLAKE).table();
        CpuidTable iceLake = Profiles.load(Profiles.ICE_LAKE).table();
        assertEquals(Xcr0.LEGACY | Xcr0.AVX, XsaveLayout.agreeing(zen4, skylake, 0xe7));
        assertEquals(0xe7L, XsaveLayout.agreeing(iceLake, skylake, 0xe7));
        assertEquals(0x7L, XsaveLayout.agreeing(Profiles.load(Profiles.ZEN2).table(), Profiles.load(Profiles.HASWELL).table(), 0x7));
    }

    @Test
    void largestValidXcr0DropsComponentsWithoutTheirPartners() {
        assertEquals(0x7L, Xcr0.largestValidWithin(0x7 | Xcr0.OPMASK));
        assertEquals(0x3L, Xcr0.largestValidWithin(0x3 | Xcr0.AVX512));
        assertEquals(0xe7L, Xcr0.largestValidWithin(0xe7));
        assertEquals(0x2e7L, Xcr0.largestValidWithin(0x2e7 | Xcr0.XTILEDATA | Xcr0.BNDREGS));
        assertEquals(0x1L, Xcr0.largestValidWithin(0x1 | Xcr0.AVX));
        for (long v = 1; v < 0x400; v += 2) {
            assertNull(Xcr0.problem(Xcr0.largestValidWithin(v)), Xcr0.describe(v));
        }
    }

    /** The intersection for a target keeps only what both lay out alike, and the features that need the rest go. */
    @Test
    void targetingAnotherVendorLeavesOutTheComponentsItPlacesElsewhere() {
        CpuModel forSkylake = Profiles.hostOf(Profiles.load(Profiles.ZEN4)).target(Profiles.load(Profiles.SKYLAKE)).build();
        assertEquals(0x7L, forSkylake.xcr0());
        assertEquals(false, forSkylake.has(FeatureCatalogue.named("avx512f")));
        assertEquals(true, forSkylake.has(FeatureCatalogue.named("avx2")));
        CpuModel forIceLake = Profiles.hostOf(Profiles.load(Profiles.SKYLAKE)).target(Profiles.load(Profiles.ICE_LAKE)).build();
        assertEquals(0xe7L, forIceLake.xcr0());
        assertEquals(true, forIceLake.has(FeatureCatalogue.named("avx512f")));
    }
}
