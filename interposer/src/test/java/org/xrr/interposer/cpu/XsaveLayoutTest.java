package org.xrr.interposer.cpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

    /** rr issue 3573: AMD puts the AVX-512 components 0x100 bytes lower than Intel, which translation handles; a size it cannot. */
    @Test
    void componentsOfTheSameSizeAndAlignmentAreTranslatableWhereverTheySit() {
        CpuidTable zen4 = Profiles.load(Profiles.ZEN4).table();
        CpuidTable skylake = Profiles.load(Profiles.SKYLAKE).table();
        assertEquals(0xe7L, XsaveLayout.translatable(zen4, skylake, 0xe7));
        assertEquals(0x7L, XsaveLayout.translatable(skylake, Profiles.load(Profiles.ZEN2).table(), 0xe7), "Zen 2 has no AVX-512 state");
        CpuidTable widerOpmask = skylake.toBuilder().put(0xd, 5, 128, 0x440, 0, 0).build();
        assertEquals(0xc7L, XsaveLayout.translatable(zen4, widerOpmask, 0xe7));
        CpuidTable aligned = skylake.toBuilder().put(0xd, 2, 256, 0x240, 2, 0).build();
        assertEquals(0xe3L, XsaveLayout.translatable(zen4, aligned, 0xe7));
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

    /** The intersection for a target keeps what can be translated, and drops with its features what cannot. */
    @Test
    void targetingAnotherCpuKeepsTranslatableComponentsOnly() {
        CpuProfile skylake = Profiles.load(Profiles.SKYLAKE);
        CpuModel forSkylake = Profiles.hostOf(Profiles.load(Profiles.ZEN4)).target(skylake).build();
        assertEquals(0xe7L, forSkylake.xcr0(), "AVX-512 moves, but translation moves it back");
        assertTrue(forSkylake.has(FeatureCatalogue.named("avx512f")));
        CpuProfile widerOpmask = new CpuProfile(skylake.name(), skylake.vendor(), "", skylake.xcr0(), "", "",
                skylake.table().toBuilder().put(0xd, 5, 128, 0x440, 0, 0).build());
        CpuModel forWider = Profiles.hostOf(Profiles.load(Profiles.ZEN4)).target(widerOpmask).build();
        assertEquals(0x7L, forWider.xcr0());
        assertFalse(forWider.has(FeatureCatalogue.named("avx512f")));
        assertTrue(forWider.has(FeatureCatalogue.named("avx2")));
        assertEquals(0x7L, Profiles.hostOf(skylake).target(Profiles.load(Profiles.HASWELL)).build().xcr0());
    }
}
