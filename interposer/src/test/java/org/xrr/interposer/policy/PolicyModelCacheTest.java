package org.xrr.interposer.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuidRegister;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.Profiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyModelCacheTest {
    private static final Policy POLICY = new Policy("p.js", "console.log('ran');\ncpu.hide('avx512f');\n");

    @TempDir
    Path dir;

    @Test
    void aRepeatedEvaluationComesFromTheCacheWithoutRunningThePolicy() throws Exception {
        CpuProfile host = Profiles.load(Profiles.SKYLAKE);
        PolicyEvaluator evaluator = new PolicyEvaluator(new PolicyModelCache(dir));
        PolicyEvaluator.Outcome first = evaluate(evaluator, POLICY, host.table(), List.of());
        PolicyEvaluator.Outcome second = evaluate(evaluator, POLICY, host.table(), List.of());
        assertFalse(first.cached());
        assertEquals("ran\n", first.output());
        assertTrue(second.cached());
        assertEquals("", second.output(), "the policy ran again");
        assertEquals(first.model(), second.model());
        assertEquals(ShippedPolicies.masked(Profiles.SKYLAKE, "avx512f"), second.model());
    }

    @Test
    void theKeyCoversPolicyArgumentsArgumentFilesHostAndOptions() throws Exception {
        PolicyModelCache cache = new PolicyModelCache(dir);
        CpuProfile host = Profiles.load(Profiles.SKYLAKE);
        Path file = Files.writeString(dir.resolve("arg.json"), "one");
        PolicyArguments args = PolicyArguments.parse(List.of("t=" + file));
        String key = cache.key(POLICY, args, host.table(), host.xcr0(), "");
        assertEquals(key, cache.key(POLICY, args, host.table(), host.xcr0(), ""));
        assertNotEquals(key, cache.key(new Policy("p.js", POLICY.text() + " "), args, host.table(), host.xcr0(), ""));
        assertNotEquals(key, cache.key(POLICY, PolicyArguments.parse(List.of("t=" + file, "u=1")), host.table(), host.xcr0(), ""));
        assertNotEquals(key, cache.key(POLICY, args, host.table(), 0x7, ""));
        assertNotEquals(key, cache.key(POLICY, args, host.table(), host.xcr0(), "mask=[rdrand]"));
        CpuProfile other = Profiles.load(Profiles.ZEN4);
        assertNotEquals(key, cache.key(POLICY, args, other.table(), host.xcr0(), ""));
        Files.writeString(file, "two");
        assertNotEquals(key, cache.key(POLICY, args, host.table(), host.xcr0(), ""), "the argument file changed");
    }

    @Test
    void theApicIdOfTheCpuThatReadTheTableIsNotPartOfTheKey() {
        PolicyModelCache cache = new PolicyModelCache(dir);
        CpuProfile host = Profiles.load(Profiles.SKYLAKE);
        CpuidTable.Builder onAnotherCpu = host.table().toBuilder();
        onAnotherCpu.set(0x1, 0, CpuidRegister.EBX, host.table().get(0x1, 0, CpuidRegister.EBX) ^ 0x0300_0000);
        onAnotherCpu.set(0xB, 0, CpuidRegister.EDX, 3);
        assertEquals(cache.key(POLICY, PolicyArguments.NONE, host.table(), host.xcr0(), ""),
                cache.key(POLICY, PolicyArguments.NONE, onAnotherCpu.build(), host.xcr0(), ""));
    }

    @Test
    void aDamagedEntryIsRecomputedAndReplaced() throws Exception {
        CpuProfile host = Profiles.load(Profiles.SKYLAKE);
        PolicyEvaluator evaluator = new PolicyEvaluator(new PolicyModelCache(dir));
        CpuModel expected = evaluate(evaluator, POLICY, host.table(), List.of()).model();
        Path entry;
        try (Stream<Path> files = Files.list(dir)) {
            entry = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Files.writeString(entry, "{ truncated");
        PolicyEvaluator.Outcome again = evaluate(evaluator, POLICY, host.table(), List.of());
        assertFalse(again.cached());
        assertEquals(expected, again.model());
        assertTrue(evaluate(evaluator, POLICY, host.table(), List.of()).cached());
    }

    @Test
    void anEntryCopiedUnderAnotherKeyIsNotTrusted() throws Exception {
        CpuProfile host = Profiles.load(Profiles.SKYLAKE);
        PolicyModelCache cache = new PolicyModelCache(dir);
        PolicyEvaluator evaluator = new PolicyEvaluator(cache);
        evaluate(evaluator, POLICY, host.table(), List.of());
        Policy other = new Policy("q.js", "cpu.hide('rdrand');\n");
        String key = cache.key(POLICY, PolicyArguments.NONE, host.table(), host.xcr0(), "");
        String otherKey = cache.key(other, PolicyArguments.NONE, host.table(), host.xcr0(), "");
        Files.copy(dir.resolve(key + ".json"), dir.resolve(otherKey + ".json"));
        PolicyEvaluator.Outcome o = evaluate(evaluator, other, host.table(), List.of());
        assertFalse(o.cached());
        assertFalse(o.model().has(ShippedPoliciesTest.feature("rdrand")));
    }

    private static PolicyEvaluator.Outcome evaluate(PolicyEvaluator evaluator, Policy policy, CpuidTable table, List<String> args)
            throws PolicyException {
        CpuProfile host = Profiles.load(Profiles.SKYLAKE);
        return evaluator.evaluate(policy, PolicyArguments.parse(args), table, host.xcr0(), () -> Profiles.hostOf(host), "");
    }
}
