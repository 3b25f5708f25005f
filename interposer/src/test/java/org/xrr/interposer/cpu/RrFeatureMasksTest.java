package org.xrr.interposer.cpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RrFeatureMasksTest {
    @Test
    void printsWhatRrCpufeaturesPrintsOnHaswell() {
        // Complements of leaf 1 ECX/EDX 0x7ffefbff/0xbfebfbff, leaf 7.0 EBX/ECX/EDX 0x37ab/0/0x9c000400, 0xD.1 EAX 0x1.
        assertEquals("--disable-cpuid-features 0x80010400,0x40140400 "
                        + "--disable-cpuid-features-ext 0xffffc854,0xffffffff,0x63fffbff "
                        + "--disable-cpuid-features-xsave 0xfffffffe",
                RrFeatureMasks.forHost(Profiles.hostModel(Profiles.HASWELL)).toOptions());
    }

    @Test
    void printsWhatRrCpufeaturesPrintsOnSkylake() {
        assertEquals("--disable-cpuid-features 0x80010400,0x40140400 "
                        + "--disable-cpuid-features-ext 0x2c600004,0xfffffff7,0x63ffdbff "
                        + "--disable-cpuid-features-xsave 0xfffffff0",
                RrFeatureMasks.forHost(Profiles.hostModel(Profiles.SKYLAKE)).toOptions());
    }

    @Test
    void aRecordingMaskedForHaswellUsesNothingHaswellLacks() {
        RrFeatureMasks haswell = RrFeatureMasks.forHost(Profiles.hostModel(Profiles.HASWELL));
        for (String hostFile : new String[] {Profiles.SKYLAKE, Profiles.ZEN4, Profiles.SAPPHIRE_RAPIDS}) {
            CpuModel m = Profiles.hostOf(Profiles.load(hostFile)).disable(haswell).build();
            CpuidTable h = Profiles.load(Profiles.HASWELL).table();
            assertSubset(m, h, 0x1, 0, CpuidRegister.ECX);
            assertSubset(m, h, 0x1, 0, CpuidRegister.EDX);
            assertSubset(m, h, 0x7, 0, CpuidRegister.EBX);
            assertSubset(m, h, 0x7, 0, CpuidRegister.ECX);
            assertSubset(m, h, 0x7, 0, CpuidRegister.EDX);
            assertSubset(m, h, 0xD, 1, CpuidRegister.EAX);
            assertEquals(0x7, m.xcr0() & ~Xcr0.MPX, hostFile);
            ModelInvariants.assertConsistent(m, hostFile);
        }
    }

    @Test
    void parsesRrValues() {
        RrFeatureMasks m = RrFeatureMasks.NONE
                .withDisableCpuidFeatures("0x80010400,1073741824")
                .withDisableCpuidFeaturesExt(" 0x10000 , 0X2c42,12 ")
                .withDisableCpuidFeaturesXsave("0xfffffff0");
        assertEquals(new RrFeatureMasks(0x80010400, 0x40000000, 0x10000, 0x2c42, 12, 0xfffffff0), m);
        assertEquals(-1, RrFeatureMasks.NONE.withDisableCpuidFeatures("4294967295").featuresEcx());
        assertEquals(0, RrFeatureMasks.NONE.withDisableCpuidFeatures("0").featuresEcx());
    }

    @Test
    void leavesOmittedValuesAsTheyWereLikeRr() {
        RrFeatureMasks m = new RrFeatureMasks(1, 2, 3, 4, 5, 6);
        assertEquals(new RrFeatureMasks(9, 2, 3, 4, 5, 6), m.withDisableCpuidFeatures("9"));
        assertEquals(new RrFeatureMasks(1, 2, 7, 8, 5, 6), m.withDisableCpuidFeaturesExt("7,8"));
    }

    @Test
    void roundTripsThroughItsOwnOptions() {
        RrFeatureMasks m = RrFeatureMasks.forHost(Profiles.hostModel(Profiles.ZEN4));
        String[] words = m.toOptions().split(" ");
        assertEquals(m, RrFeatureMasks.NONE.withDisableCpuidFeatures(words[1])
                .withDisableCpuidFeaturesExt(words[3]).withDisableCpuidFeaturesXsave(words[5]));
    }

    @Test
    void refusesBadValuesClearly() {
        assertMessage("--disable-cpuid-features-ext: expected 1 to 3 comma-separated values (decimal or 0x-hex), got 4 in \"1,2,3,4\"",
                () -> RrFeatureMasks.NONE.withDisableCpuidFeaturesExt("1,2,3,4"));
        assertMessage("--disable-cpuid-features-xsave: expected one value (decimal or 0x-hex), got 2 in \"1,2\"",
                () -> RrFeatureMasks.NONE.withDisableCpuidFeaturesXsave("1,2"));
        assertMessage("--disable-cpuid-features: \"0xzz\" is not a decimal or 0x-hex number",
                () -> RrFeatureMasks.NONE.withDisableCpuidFeatures("0xzz"));
        assertMessage("--disable-cpuid-features-ext: empty value in \"1,,2\"; expected 1 to 3 comma-separated values",
                () -> RrFeatureMasks.NONE.withDisableCpuidFeaturesExt("1,,2"));
        assertMessage("--disable-cpuid-features-xsave: empty value in \"\"; expected one value",
                () -> RrFeatureMasks.NONE.withDisableCpuidFeaturesXsave(""));
        assertMessage("--disable-cpuid-features: \"0x100000000\" does not fit in 32 bits",
                () -> RrFeatureMasks.NONE.withDisableCpuidFeatures("0x100000000"));
        assertMessage("--disable-cpuid-features: \"4294967296\" does not fit in 32 bits",
                () -> RrFeatureMasks.NONE.withDisableCpuidFeatures("4294967296"));
        assertMessage("--disable-cpuid-features: \"010\" is not a decimal or 0x-hex number (with a leading zero rr would read it as octal)",
                () -> RrFeatureMasks.NONE.withDisableCpuidFeatures("010"));
        assertMessage("--disable-cpuid-features: \"-1\" is not a decimal or 0x-hex number",
                () -> RrFeatureMasks.NONE.withDisableCpuidFeatures("-1"));
    }

    private static void assertSubset(CpuModel m, CpuidTable limit, int leaf, int subleaf, CpuidRegister r) {
        int shown = m.table().get(leaf, subleaf, r);
        int extra = shown & ~limit.get(leaf, subleaf, r);
        assertEquals(0, extra, String.format("CPUID(0x%x,%d).%s shows 0x%x beyond Haswell", leaf, subleaf, r, extra));
    }

    private static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(expected, e.getMessage());
        assertTrue(e.getMessage().startsWith("--disable-"));
    }
}
