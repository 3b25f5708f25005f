package org.xrr.interposer.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuidRegister;
import org.xrr.interposer.cpu.Profiles;
import org.xrr.interposer.cpu.Xcr0;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every function of the policy API, each through a small policy on a known host. */
class PolicyApiTest {
    private static final String HOST = Profiles.SKYLAKE;

    @TempDir
    Path dir;

    @Test
    void hostDescribesTheMachineItRunsOn() throws Exception {
        String out = printed("console.log(host.vendor, host.family, host.model, host.stepping, host.xcr0);\n"
                + "console.log(host.brand);\n"
                + "console.log(host.has('avx512f'), host.has('sha_ni'), host.features.includes('avx2'));\n"
                + "const l7 = host.leaf(7);\n"
                + "console.log(l7.ebx === host.leaf(7, 0).ebx, (l7.ebx >>> 16) & 1, host.leaf(0x80000000).eax.toString(16));\n"
                + "console.log(JSON.stringify(host.leaf(0x12345678, 3)));\n");
        CpuModel host = Profiles.hostModel(HOST);
        assertEquals("GenuineIntel 6 85 4 255\n" + host.brand() + "\ntrue false true\ntrue 1 80000008\n"
                + "{\"eax\":0,\"ebx\":0,\"ecx\":0,\"edx\":0}\n", out);
    }

    @Test
    void hideTakesNamesOrLists() throws Exception {
        CpuModel m = model("cpu.hide('rdrand', ['rdseed', ['adx']]);\n");
        assertEquals(ShippedPolicies.masked(HOST, "rdrand", "rdseed", "adx"), m);
    }

    @Test
    void xcr0LimitsTheStateComponentsAndHidesWhatNeedsTheRest() throws Exception {
        CpuModel m = model("cpu.xcr0(0x7);\n");
        assertEquals(0x7, m.xcr0());
        assertFalse(m.has(ShippedPoliciesTest.feature("avx512f")));
        assertTrue(m.has(ShippedPoliciesTest.feature("avx2")));
        PolicyException e = assertThrows(PolicyException.class, () -> model("\n\ncpu.xcr0(0x1);\n"));
        assertEquals(PolicyException.Kind.INVALID, e.kind());
        assertEquals("p.js:3: XCR0 0x1 (x87) must keep x87 and SSE (bits 0 and 1)", e.getMessage());
        PolicyException beyond = assertThrows(PolicyException.class, () -> model("cpu.xcr0(0x60007);\n"));
        assertTrue(beyond.getMessage().startsWith("p.js:1: XCR0 0x60007"), beyond.getMessage());
        assertTrue(beyond.getMessage().contains("not a subset of the host XCR0"), beyond.getMessage());
        assertEquals(PolicyException.Kind.THROWN, assertThrows(PolicyException.class, () -> model("cpu.xcr0('7');\n")).kind());
    }

    @Test
    void registerEditsChangeLeavesAndFollowTheConsistencyRules() throws Exception {
        // Clearing AVX's bit by hand is hiding AVX: what requires it goes too, and so does its state.
        CpuModel m = model("cpu.clearBits(1, 0, 'ecx', 1 << 28);\ncpu.setRegister(0x6, 0, 'eax', 0x77);\n");
        for (String f : List.of("avx", "avx2", "fma", "avx512f")) {
            assertFalse(m.has(ShippedPoliciesTest.feature(f)), f);
        }
        assertEquals(Xcr0.LEGACY | Xcr0.MPX, m.xcr0());
        int[] out = new int[4];
        m.cpuid(0x6, 0, out);
        assertEquals(0x77, out[CpuidRegister.EAX.index()]);
    }

    @Test
    void turningOnAFeatureTheHostLacksIsRefusedUnlessForced() throws Exception {
        String policy = "\ncpu.setBits(7, 0, 'ebx', 1 << 29);\n";
        PolicyException e = assertThrows(PolicyException.class, () -> model(policy));
        assertEquals(PolicyException.Kind.INVALID, e.kind());
        assertEquals("p.js: the model would show 1 feature(s) this host lacks: sha_ni; forcing hides them instead", e.getMessage());
        CpuModel forced = evaluate(policy, true, List.of()).model();
        assertFalse(forced.has(ShippedPoliciesTest.feature("sha_ni")));
        assertEquals(Profiles.hostModel(HOST), forced);
    }

    @Test
    void identitySetsVendorSignatureAndBrand() throws Exception {
        CpuModel m = model("cpu.identity({vendor: 'AuthenticAMD', family: 0x19, model: 0x11, stepping: 1,"
                + " brand: 'AMD EPYC 9654 96-Core Processor'});\n");
        assertEquals("AuthenticAMD", m.vendor());
        assertEquals(0x19, m.family());
        assertEquals(0x11, m.model());
        assertEquals(1, m.stepping());
        assertEquals("AMD EPYC 9654 96-Core Processor", m.brand());
        CpuModel partial = model("cpu.identity({model: 0x6a});\n");
        assertEquals(6, partial.family());
        assertEquals(0x6a, partial.model());
        assertEquals(4, partial.stepping());
        assertEquals("p.js:1: vendor \"Intel\" must be exactly 12 characters, as GenuineIntel and AuthenticAMD are",
                assertThrows(PolicyException.class, () -> model("cpu.identity({vendor: 'Intel'});\n")).getMessage());
        assertEquals(PolicyException.Kind.THROWN,
                assertThrows(PolicyException.class, () -> model("cpu.identity({colour: 'blue'});\n")).kind());
    }

    @Test
    void presentShowsAProfileLimitedToTheHost() throws Exception {
        CpuModel m = evaluate("cpu.present(profile('cpu'));\n", true,
                List.of("cpu=" + Profiles.path(Profiles.ZEN4))).model();
        assertEquals("AuthenticAMD", m.vendor());
        assertEquals(0x19, m.family());
        PolicyException refused = assertThrows(PolicyException.class,
                () -> evaluate("cpu.present(profile('cpu'));\n", false, List.of("cpu=" + Profiles.path(Profiles.ZEN4))));
        assertTrue(refused.getMessage().startsWith("p.js: this host cannot present"), refused.getMessage());
    }

    @Test
    void profilesArriveAsDataAndBadOnesAreNamed() throws Exception {
        Path zen2 = Profiles.path(Profiles.ZEN2);
        String out = evaluate("const p = profile('t');\nconsole.log(p.name, p.vendor, p.xcr0, p.has('sha_ni'), p.has('avx512f'));\n",
                false, List.of("t=" + zen2)).output();
        assertEquals(Profiles.load(Profiles.ZEN2).name() + " AuthenticAMD 7 true false\n", out);

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": 3");
        PolicyException e = assertThrows(PolicyException.class,
                () -> evaluate("\nprofile('t');\n", false, List.of("t=" + broken)));
        assertTrue(e.getMessage().startsWith("p.js:2: argument t: broken.json: not valid JSON"), e.getMessage());
        PolicyException missing = assertThrows(PolicyException.class,
                () -> evaluate("profile('t');\n", false, List.of("t=" + dir.resolve("nothing.json"))));
        assertEquals("p.js:1: argument t: \"" + dir.resolve("nothing.json") + "\" names no CPU profile file", missing.getMessage());
    }

    @Test
    void argumentsArePlainStrings() throws Exception {
        String out = evaluate("console.log(JSON.stringify(args));\nif (args.level === 'strict') cpu.hide('avx2');\n",
                false, List.of("level=strict", "n=3")).output();
        assertEquals("{\"level\":\"strict\",\"n\":\"3\"}\n", out);
        assertThrows(IllegalArgumentException.class, () -> PolicyArguments.parse(List.of("novalue")));
        assertThrows(IllegalArgumentException.class, () -> PolicyArguments.parse(List.of("a=1", "a=2")));
        assertThrows(IllegalArgumentException.class, () -> PolicyArguments.parse(List.of("1a=1")));
    }

    @Test
    void psabiLevelsListTheirFeatures() throws Exception {
        String out = printed("console.log(psabi.levels.join(' '));\nconsole.log(psabi.level('x86-64-v3').above.join(' '));\n");
        assertEquals("x86-64 x86-64-v2 x86-64-v3 x86-64-v4\navx512f avx512bw avx512cd avx512dq avx512vl\n", out);
        PolicyException e = assertThrows(PolicyException.class, () -> model("psabi.level('v5');\n"));
        assertEquals("p.js:1: unknown psABI level \"v5\"; the levels are x86-64, x86-64-v2, x86-64-v3, x86-64-v4", e.getMessage());
    }

    @Test
    void theApiCannotBeReplacedByThePolicy() throws Exception {
        CpuModel m = model("cpu.hide = () => {};\nglobalThis.cpu = {hide() {}};\ncpu.hide('rdrand');\n");
        assertFalse(m.has(ShippedPoliciesTest.feature("rdrand")));
    }

    @Test
    void anEmptyPolicyPresentsTheHost() throws Exception {
        assertEquals(Profiles.hostModel(HOST), model("// nothing to change\n"));
        assertEquals(Xcr0.LEGACY | Xcr0.AVX | Xcr0.MPX | Xcr0.AVX512, Profiles.hostModel(HOST).xcr0());
    }

    private CpuModel model(String text) throws PolicyException {
        return evaluate(text, false, List.of()).model();
    }

    private String printed(String text) throws PolicyException {
        return evaluate(text, false, List.of()).output();
    }

    private static PolicyEvaluator.Outcome evaluate(String text, boolean force, List<String> args) throws PolicyException {
        CpuProfile host = Profiles.load(HOST);
        return new PolicyEvaluator(null).evaluate(new Policy("p.js", text), PolicyArguments.parse(args), host.table(),
                host.xcr0(), () -> Profiles.hostOf(host).force(force), "");
    }
}
