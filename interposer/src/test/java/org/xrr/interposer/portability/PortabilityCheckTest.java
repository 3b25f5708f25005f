package org.xrr.interposer.portability;

import org.junit.jupiter.api.Test;
import org.xrr.interposer.cpu.CpuFeature;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.FeatureCatalogue;
import org.xrr.interposer.cpu.FeatureKind;
import org.xrr.interposer.cpu.Profiles;
import org.xrr.interposer.cpu.XsaveLayout;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check on the shared profiles, each in turn the recording machine, the target and the replaying machine. */
class PortabilityCheckTest {
    private static final List<CpuProfile> ALL = Profiles.all().stream().map(Profiles::load).toList();

    /** The presented CPU as a trace header keeps it. */
    private static CpuProfile presented(CpuModel model) {
        return new CpuProfile(model.brand(), model.vendor(), "", model.xcr0(), "", "", model.table());
    }

    @Test
    void everyMachineCanPresentItsOwnModel() {
        for (CpuProfile p : ALL) {
            assertEquals(List.of(), PortabilityCheck.differences(presented(Profiles.hostOf(p).build()), p), p.name());
        }
    }

    /** For every recording machine H and target B, the trace replays on B; on any other A, it replays or names why not. */
    @Test
    void aRecordingForATargetReplaysThereAndAnywhereElseIsRefusedOnlyForRealDifferences() {
        int refused = 0;
        int pairs = 0;
        for (CpuProfile h : ALL) {
            for (CpuProfile b : ALL) {
                CpuProfile shown = presented(Profiles.hostOf(h).target(b).build());
                assertEquals(List.of(), PortabilityCheck.differences(shown, b), h.name() + " recording for " + b.name());
                for (CpuProfile a : ALL) {
                    List<Difference> found = PortabilityCheck.differences(shown, a);
                    assertEquals(expectedKinds(shown, a), kinds(found), h.name() + " for " + b.name() + " on " + a.name());
                    pairs++;
                    refused += found.isEmpty() ? 0 : 1;
                }
            }
        }
        assertTrue(refused > 0 && refused < pairs, refused + " of " + pairs);
    }

    /** Without a target, a recording uses all of its machine: every machine lacking any of it refuses. */
    @Test
    void aRecordingWithoutTargetIsRefusedWhereverSomethingItUsedIsMissing() {
        for (CpuProfile h : ALL) {
            CpuProfile shown = presented(Profiles.hostOf(h).mask("rdrand", "rdseed").build());
            for (CpuProfile a : ALL) {
                List<Difference> found = PortabilityCheck.differences(shown, a);
                Set<CpuFeature> lacking = userFeatures(shown);
                lacking.removeAll(FeatureCatalogue.presentIn(a.table()));
                boolean lacksSomething = !lacking.isEmpty() || (shown.xcr0() & ~a.xcr0()) != 0;
                if (lacksSomething) {
                    assertFalse(found.isEmpty(), h.name() + " on " + a.name());
                }
                for (CpuFeature f : lacking) {
                    assertTrue(found.stream().anyMatch(d -> d.kind() == Difference.Kind.INSTRUCTION_SET
                            && List.of(d.message().substring(d.message().indexOf(": ") + 2).split(",")).contains(f.name())),
                            f + " is named: " + found);
                }
            }
        }
    }

    /** rr issue 3573: a Zen 4 recording on Skylake is not refused for its AVX-512 layout, which replay translates. */
    @Test
    void avx512AtAmdOffsetsIsTranslatedButAnotherSizeIsRefused() {
        CpuProfile zen4 = Profiles.load(Profiles.ZEN4);
        CpuProfile skylake = Profiles.load(Profiles.SKYLAKE);
        CpuProfile shown = presented(Profiles.hostOf(zen4).build());
        assertTrue(PortabilityCheck.differences(shown, skylake).stream().noneMatch(d -> d.kind() == Difference.Kind.XSAVE_LAYOUT));

        CpuProfile widerOpmask = new CpuProfile(skylake.name(), skylake.vendor(), "", skylake.xcr0(), "", "",
                skylake.table().toBuilder().put(0xd, 5, 128, 0x440, 0, 0).build());
        List<Difference> found = PortabilityCheck.differences(shown, widerOpmask);
        assertEquals(List.of("XSAVE layout of opmask (5): 64 bytes at 0x340 in the recording, 128 bytes here: a component of"
                        + " another size or alignment cannot be translated"),
                found.stream().filter(d -> d.kind() == Difference.Kind.XSAVE_LAYOUT).map(Difference::message).toList());
        String refusal = PortabilityCheck.refusal(found, "sky.json", "");
        assertTrue(refusal.startsWith("cannot replay: this host cannot present the CPU the recording presented: "), refusal);
        assertTrue(refusal.endsWith(". Record for this host with 'xrr record --target-profile sky.json ...'"), refusal);
        assertFalse(refusal.contains("\n"));
        assertTrue(PortabilityCheck.refusal(found, "HOST.json", "HOST.json written by 'xrr cpufeatures --export HOST.json'")
                .endsWith("--target-profile HOST.json ...', HOST.json written by 'xrr cpufeatures --export HOST.json'"));
    }

    @Test
    void anXcr0ComponentTheHostLacksIsNamed() {
        CpuProfile skylake = Profiles.load(Profiles.SKYLAKE);
        List<Difference> onHaswell = PortabilityCheck.differences(presented(Profiles.hostOf(skylake).build()), Profiles.load(Profiles.HASWELL));
        assertEquals(Difference.Kind.XCR0, onHaswell.get(0).kind());
        assertEquals("XCR0: the recording enabled 0xff (x87|SSE|AVX|BNDREGS|BNDCSR|opmask|ZMM_Hi256|Hi16_ZMM), this host enables"
                + " 0x7 (x87|SSE|AVX), without 0xf8 (BNDREGS|BNDCSR|opmask|ZMM_Hi256|Hi16_ZMM)", onHaswell.get(0).message());
        assertEquals(Difference.Kind.INSTRUCTION_SET, onHaswell.get(1).kind());
        assertTrue(onHaswell.get(1).message().contains("avx512f"), onHaswell.get(1).message());
    }

    private static Set<Difference.Kind> expectedKinds(CpuProfile shown, CpuProfile a) {
        Set<Difference.Kind> kinds = new HashSet<>();
        if ((shown.xcr0() & ~a.xcr0()) != 0) {
            kinds.add(Difference.Kind.XCR0);
        }
        XsaveLayout there = XsaveLayout.of(a);
        for (XsaveLayout.Component c : XsaveLayout.of(shown).components()) {
            XsaveLayout.Component t = there.component(c.index());
            if (t != null && (t.size() != c.size() || t.aligned64() != c.aligned64())) {
                kinds.add(Difference.Kind.XSAVE_LAYOUT);
            }
        }
        Set<CpuFeature> lacking = userFeatures(shown);
        lacking.removeAll(FeatureCatalogue.presentIn(a.table()));
        if (!lacking.isEmpty()) {
            kinds.add(Difference.Kind.INSTRUCTION_SET);
        }
        return kinds;
    }

    private static Set<Difference.Kind> kinds(List<Difference> found) {
        Set<Difference.Kind> kinds = new HashSet<>();
        found.forEach(d -> kinds.add(d.kind()));
        return kinds;
    }

    private static Set<CpuFeature> userFeatures(CpuProfile p) {
        Set<CpuFeature> set = new HashSet<>();
        FeatureCatalogue.presentIn(p.table()).stream().filter(f -> f.kind() == FeatureKind.USER).forEach(set::add);
        return set;
    }
}
