package org.xrr.interposer.cpu;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consistency rules every model must satisfy, checked from the outside through CPUID and XGETBV. */
final class ModelInvariants {
    private ModelInvariants() {
    }

    /** Checks {@code model} against the rules, for a host described by profile file {@code hostFile}. */
    static void assertConsistent(CpuModel model, String hostFile) {
        CpuProfile host = Profiles.load(hostFile);
        RawProfile raw = RawProfile.read(hostFile);
        Set<CpuFeature> onHost = FeatureCatalogue.presentIn(host.table());
        String where = hostFile + " -> " + model + ": ";

        for (CpuFeature f : model.features()) {
            assertTrue(onHost.contains(f), where + f + " is shown but the host lacks it");
            for (String required : f.requires()) {
                assertTrue(model.has(FeatureCatalogue.named(required)), where + f + " is shown without " + required);
            }
            long dropped = host.xcr0() & ~model.xcr0();
            assertEquals(0, f.xcr0Needs() & dropped, where + f + " is shown but needs dropped XCR0 " + Xcr0.describe(dropped));
        }

        long xcr0 = model.xcr0();
        assertNull(Xcr0.problem(xcr0), where + "XCR0 " + Xcr0.describe(xcr0));
        assertEquals(xcr0, xcr0 & host.xcr0(), where + "XCR0 beyond the host's");

        boolean enabled = model.has(FeatureCatalogue.named("xsave")) && model.has(FeatureCatalogue.named("osxsave"));
        assertEquals(enabled, model.xsaveEnabled(), where + "xsaveEnabled");
        int[] r = new int[4];
        long[] value = new long[1];
        if (!enabled) {
            assertEquals(InstructionOutcome.UD, model.xgetbv(0, -1L, value), where + "XGETBV with XSAVE hidden");
            for (int i = 0; i < 64; i++) {
                model.cpuid(0xD, i, r);
                assertEquals(0, r[0] | r[1] | r[2] | r[3], where + "leaf 0xD subleaf " + i + " with XSAVE hidden");
            }
            return;
        }
        assertEquals(InstructionOutcome.OK, model.xgetbv(0, -1L, value));
        assertEquals(xcr0, value[0], where + "XGETBV(0)");

        model.cpuid(0xD, 0, r);
        assertEquals(xcr0, (r[0] & 0xFFFF_FFFFL) | ((long) r[3] << 32), where + "0xD.0 EDX:EAX");
        int standard = raw.standardSize(xcr0);
        assertEquals(standard, r[1], where + "0xD.0 EBX");
        assertEquals(standard, r[2], where + "0xD.0 ECX");
        assertEquals(standard, model.xsaveStandardSize());

        for (int i = 2; i < 63; i++) {
            boolean user = (raw.reg(0xD, i, "ecx") & 1) == 0;
            if (user && (xcr0 >>> i & 1) == 0) {
                model.cpuid(0xD, i, r);
                assertEquals(0, r[0] | r[1] | r[2] | r[3], where + "leaf 0xD subleaf " + i + " of a component not in XCR0");
            }
        }
        if (GlibcXsaveSizing.compactedSize(model) != 0) {
            assertEquals(raw.compactedSize(xcr0 & GlibcXsaveSizing.SAVE_MASK), GlibcXsaveSizing.compactedSize(model),
                    where + "glibc's XSAVEC buffer size");
        }

        if (model.has(FeatureCatalogue.named("ospke"))) {
            assertTrue(model.has(FeatureCatalogue.named("pku")), where + "OSPKE without PKU");
            assertEquals(Xcr0.PKRU, xcr0 & Xcr0.PKRU, where + "OSPKE without PKRU in XCR0");
        }
    }
}
