package org.xrr.interposer.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xrr.interposer.cpu.CpuFeature;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.FeatureCatalogue;
import org.xrr.interposer.cpu.Profiles;
import org.xrr.interposer.cpu.Xcr0;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each shipped policy applied to real machines' profiles, as if each were the host; the models
 * are checked field by field against what the policy documents.
 */
class ShippedPoliciesTest {
    private static final List<String> V2 = List.of("cx16", "lahf_lm", "popcnt", "pni", "sse4_1", "sse4_2", "ssse3");
    private static final List<String> V3 = List.of("avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "osxsave");
    private static final List<String> V4 = List.of("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl");

    @ParameterizedTest
    @ValueSource(strings = {Profiles.SKYLAKE, Profiles.ZEN4, Profiles.SAPPHIRE_RAPIDS})
    void maskAvx512HidesEveryAvx512FeatureAndItsState(String host) throws Exception {
        CpuModel m = ShippedPolicies.on(host, "mask-avx512.js");
        CpuModel before = Profiles.hostModel(host);
        assertTrue(before.has(feature("avx512f")), "the profile must have AVX-512 for this test to mean anything");
        assertEquals(Set.of(), names(m).stream().filter(n -> n.startsWith("avx512")).collect(Collectors.toSet()));
        assertEquals(0, m.xcr0() & Xcr0.AVX512);
        assertEquals(before.xcr0() & ~Xcr0.AVX512, m.xcr0());
        assertSameIdentity(before, m);
        Set<String> hidden = difference(before, m);
        assertTrue(hidden.stream().allMatch(n -> n.startsWith("avx512") || n.startsWith("amx") || n.equals("avx_vnni_int16")
                || dependsOnAvx512(n)), "hid more than AVX-512: " + hidden);
        assertEquals(ShippedPolicies.masked(host, "avx512f"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {Profiles.SKYLAKE, Profiles.ZEN2})
    void hideRdrandRdseedHidesExactlyThoseTwo(String host) throws Exception {
        CpuModel m = ShippedPolicies.on(host, "hide-rdrand-rdseed.js");
        CpuModel before = Profiles.hostModel(host);
        assertEquals(Set.of("rdrand", "rdseed"), difference(before, m));
        assertEquals(before.xcr0(), m.xcr0());
        assertSameIdentity(before, m);
    }

    @ParameterizedTest
    @ValueSource(strings = {Profiles.SKYLAKE, Profiles.ICE_LAKE, Profiles.SAPPHIRE_RAPIDS})
    void hideTsxHidesHleAndRtm(String host) throws Exception {
        CpuModel m = ShippedPolicies.on(host, "hide-tsx.js");
        CpuModel before = Profiles.hostModel(host);
        assertTrue(before.has(feature("rtm")) && before.has(feature("hle")));
        assertEquals(Set.of("hle", "rtm"), difference(before, m));
        assertEquals(before.xcr0(), m.xcr0());
        assertSameIdentity(before, m);
    }

    @ParameterizedTest
    @ValueSource(strings = {Profiles.SKYLAKE, Profiles.ZEN4})
    void rrCompatHidesWhatRrAlwaysHides(String host) throws Exception {
        CpuModel m = ShippedPolicies.on(host, "rr-compat.js");
        CpuModel before = Profiles.hostModel(host);
        Set<String> expected = new TreeSet<>(List.of("rdrand", "rdseed", "rtm", "xsaveopt"));
        expected.retainAll(names(before));
        assertTrue(expected.containsAll(List.of("rdrand", "rdseed", "xsaveopt")), "profile lacks what the test checks");
        assertEquals(expected, difference(before, m));
        assertEquals(before.xcr0(), m.xcr0());
        assertSameIdentity(before, m);
    }

    @ParameterizedTest
    @ValueSource(strings = {Profiles.HASWELL, Profiles.ZEN4, Profiles.SAPPHIRE_RAPIDS})
    void x86_64_v2PresentsLevelTwoAndNothingOfLevelThree(String host) throws Exception {
        CpuModel m = ShippedPolicies.on(host, "x86-64-v2.js");
        assertTrue(names(m).containsAll(V2), "missing v2 features: " + names(m));
        for (String f : concat(V3, V4)) {
            assertFalse(m.has(feature(f)), f + " must be hidden at x86-64-v2");
        }
        assertEquals(Xcr0.LEGACY, m.xcr0(), "without OSXSAVE the program sees only x87 and SSE state");
        assertFalse(m.xsaveEnabled());
        assertSameIdentity(Profiles.hostModel(host), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {Profiles.SKYLAKE, Profiles.ZEN4, Profiles.HASWELL})
    void x86_64_v3PresentsLevelThreeAndNothingOfLevelFour(String host) throws Exception {
        CpuModel m = ShippedPolicies.on(host, "x86-64-v3.js");
        assertTrue(names(m).containsAll(concat(V2, V3)), "missing v2/v3 features: " + names(m));
        for (String f : V4) {
            assertFalse(m.has(feature(f)), f + " must be hidden at x86-64-v3");
        }
        assertEquals(Profiles.hostModel(host).xcr0() & ~Xcr0.AVX512, m.xcr0());
        assertEquals(ShippedPolicies.masked(host, V4.toArray(String[]::new)), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {Profiles.SKYLAKE, Profiles.ZEN4})
    void x86_64_v4LeavesALevelFourHostAsItIs(String host) throws Exception {
        assertEquals(Profiles.hostModel(host), ShippedPolicies.on(host, "x86-64-v4.js"));
    }

    @Test
    void aLevelPolicyRefusesAHostBelowTheLevelAndNamesWhatIsMissing() {
        PolicyException v3 = assertThrows(PolicyException.class, () -> ShippedPolicies.on(Profiles.SANDY_BRIDGE, "x86-64-v3.js"));
        assertEquals("x86-64-v3.js:5: this host lacks avx2, bmi1, bmi2, f16c, fma, abm, movbe", v3.getMessage());
        PolicyException v4 = assertThrows(PolicyException.class, () -> ShippedPolicies.on(Profiles.HASWELL, "x86-64-v4.js"));
        assertEquals("x86-64-v4.js:5: this host lacks avx512f, avx512bw, avx512cd, avx512dq, avx512vl", v4.getMessage());
    }

    @Test
    void targetProfileIntersectsFeaturesAndXcr0AndKeepsTheHostIdentity() throws Exception {
        CpuModel m = ShippedPolicies.on(Profiles.SAPPHIRE_RAPIDS, "target-profile.js",
                "target=" + Profiles.path(Profiles.ZEN4));
        CpuModel host = Profiles.hostModel(Profiles.SAPPHIRE_RAPIDS);
        CpuModel target = Profiles.hostModel(Profiles.ZEN4);
        assertSameIdentity(host, m);
        assertEquals(host.xcr0() & target.xcr0(), m.xcr0());
        Set<String> both = names(host);
        both.retainAll(names(target));
        assertTrue(both.containsAll(names(m)), "shows a feature one machine lacks: " + difference(m, host) + difference(m, target));
        for (String f : List.of("avx512f", "avx512_bf16", "sse4_2", "avx2", "sha_ni")) {
            assertEquals(both.contains(f), m.has(feature(f)), f);
        }
        assertFalse(m.has(feature("amx_tile")), "Zen 4 has no AMX");
        assertEquals(0, m.xcr0() & Xcr0.AMX);
    }

    @Test
    void targetProfileOnAnAmdHostWithAnOlderIntelTarget() throws Exception {
        CpuModel m = ShippedPolicies.on(Profiles.ZEN2, "target-profile.js", "target=" + Profiles.path(Profiles.HASWELL));
        CpuModel host = Profiles.hostModel(Profiles.ZEN2);
        assertSameIdentity(host, m);
        assertEquals("AuthenticAMD", m.vendor());
        assertEquals(Xcr0.LEGACY | Xcr0.AVX, m.xcr0());
        for (String f : List.of("sha_ni", "adx", "rdseed", "clzero", "sse4a")) {
            assertTrue(host.has(feature(f)), f);
            assertFalse(m.has(feature(f)), f + " is not on Haswell");
        }
        assertTrue(m.has(feature("avx2")) && m.has(feature("fma")));
    }

    @Test
    void targetProfileWithoutItsArgumentSaysWhichArgumentItNeeds() {
        PolicyException e = assertThrows(PolicyException.class, () -> ShippedPolicies.on(Profiles.ZEN2, "target-profile.js"));
        assertEquals("target-profile.js:6: this policy needs the argument target=FILE naming a CPU profile"
                + " (--policy-arg target=FILE)", e.getMessage());
    }

    private static boolean dependsOnAvx512(String name) {
        return FeatureCatalogue.maskedWith(feature("avx512f")).contains(feature(name));
    }

    private static void assertSameIdentity(CpuModel expected, CpuModel actual) {
        assertEquals(expected.vendor(), actual.vendor());
        assertEquals(expected.brand(), actual.brand());
        assertEquals(expected.family(), actual.family());
        assertEquals(expected.model(), actual.model());
        assertEquals(expected.stepping(), actual.stepping());
    }

    private static Set<String> difference(CpuModel a, CpuModel b) {
        Set<String> d = names(a);
        d.removeAll(names(b));
        return d;
    }

    static Set<String> names(CpuModel m) {
        return m.features().stream().map(CpuFeature::name).collect(Collectors.toCollection(TreeSet::new));
    }

    static CpuFeature feature(String name) {
        return FeatureCatalogue.named(name);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
