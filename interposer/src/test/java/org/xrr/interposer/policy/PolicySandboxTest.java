package org.xrr.interposer.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.Profiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile and broken policies: each is stopped with its own clear message, and reaches nothing. */
class PolicySandboxTest {
    @TempDir
    Path dir;

    @Test
    void aSyntaxErrorNamesFileAndLine() {
        PolicyException e = fails("cpu.hide('avx512f');\nlet x = ;\n");
        assertEquals(PolicyException.Kind.SYNTAX, e.kind());
        assertTrue(e.getMessage().startsWith("p.js:2: syntax error: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aThrownExceptionGivesItsMessageAndLine() {
        PolicyException e = fails("// comment\nfunction f() {\n  throw new RangeError('no such CPU');\n}\nf();\n");
        assertEquals(PolicyException.Kind.THROWN, e.kind());
        assertEquals("p.js:3: the policy threw RangeError: no such CPU", e.getMessage());
    }

    @Test
    void aThrownNonErrorValueIsReportedToo() {
        PolicyException e = fails("throw 42;\n");
        assertEquals(PolicyException.Kind.THROWN, e.kind());
        assertTrue(e.getMessage().startsWith("p.js"), e.getMessage());
        assertTrue(e.getMessage().contains("42"), e.getMessage());
    }

    @Test
    void anInfiniteLoopIsStoppedByTheStatementLimit() {
        PolicyException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> fails("let i = 0;\nwhile (true) {\n  i++;\n}\n"));
        assertEquals(PolicyException.Kind.TIME, e.kind());
        assertTrue(e.getMessage().startsWith("policy p.js ran past its limit of " + PolicySandbox.STATEMENT_LIMIT
                + " statements and was stopped (an infinite loop?) at p.js:"), e.getMessage());
    }

    @Test
    void aLongRunningBuiltInIsStoppedByTheClock() {
        // Catastrophic backtracking (the back-reference forces the backtracking engine): one
        // statement that runs for hours.
        PolicySandbox quick = new PolicySandbox(PolicySandbox.STATEMENT_LIMIT, Duration.ofMillis(500), PolicySandbox.MEMORY_LIMIT);
        PolicyException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> fails(quick, "/^(a+)+\\1$/.test('a'.repeat(40) + 'b');\n"));
        assertEquals(PolicyException.Kind.TIME, e.kind());
        assertEquals("policy p.js ran longer than 0.5 s and was stopped (an infinite loop?) in p.js:1", e.getMessage());
    }

    @Test
    void aMemoryBombIsStopped() {
        PolicyException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> fails("const hoard = [];\nwhile (true) {\n  hoard.push(new Array(1 << 20).fill(1.5));\n}\n"));
        assertEquals(PolicyException.Kind.MEMORY, e.kind());
        assertTrue(e.getMessage().startsWith("policy p.js held more than " + (PolicySandbox.MEMORY_LIMIT >> 20)
                + " MiB of memory and was stopped (a memory bomb?)"), e.getMessage());
    }

    @Test
    void reachingJavaIsRefused() {
        PolicyException e = fails("const rt = Java.type('java.lang.Runtime');\nrt.getRuntime().exec('true');\n");
        assertEquals(PolicyException.Kind.SANDBOX, e.kind());
        assertEquals("p.js:1: Java is not available: policies run in a sandbox with no access to Java, files, the network,"
                + " threads, processes or other languages", e.getMessage());
        assertEquals(PolicyException.Kind.SANDBOX, fails("java.lang.System.exit(3);\n").kind());
        assertEquals(PolicyException.Kind.SANDBOX, fails("Packages.java.io.File;\n").kind());
    }

    @Test
    void reachingTheFileSystemIsRefusedAndWritesNothing() throws Exception {
        Path target = dir.resolve("written-by-policy");
        PolicyException load = fails("load('" + Profiles.path(Profiles.ZEN2) + "');\n");
        assertEquals(PolicyException.Kind.SANDBOX, load.kind());
        assertTrue(load.getMessage().startsWith("p.js:1: load is not available"), load.getMessage());
        assertEquals(PolicyException.Kind.SANDBOX, fails("require('fs').writeFileSync('" + target + "', 'x');\n").kind());
        // Even with the friendly refusals removed, the context itself has no file access.
        PolicyException bare = fails("delete globalThis.load;\nload('" + target + "');\n");
        assertTrue(bare.kind() == PolicyException.Kind.THROWN || bare.kind() == PolicyException.Kind.SANDBOX, bare.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void threadsProcessesAndOtherLanguagesAreRefused() {
        assertEquals(PolicyException.Kind.SANDBOX, fails("new Worker('x.js');\n").kind());
        assertEquals(PolicyException.Kind.SANDBOX, fails("Polyglot.eval('python', '1');\n").kind());
        assertEquals(PolicyException.Kind.SANDBOX, fails("process.exit(1);\n").kind());
    }

    @Test
    void aPolicyMayStillNameItsOwnVariablesLikeTheRefusedGlobals() throws Exception {
        String plan = new PolicySandbox().evaluate(new Policy("p.js", "const read = 1; let org = 2; cpu.hide('sse3' === 'x' ? [] : []);\n"),
                input()).planJson();
        assertTrue(plan.contains("\"op\":\"hide\""), plan);
    }

    @Test
    void anUnknownFeatureSuggestsTheNearestNames() {
        PolicyException e = fails("\ncpu.hide('avx512');\n");
        assertEquals(PolicyException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("p.js:2: unknown CPU feature \"avx512\"; did you mean avx512f"), e.getMessage());
        assertTrue(fails("host.has('sse5');\n").getMessage().startsWith("p.js:1: unknown CPU feature \"sse5\""));
    }

    @Test
    void whatAPolicyPrintsIsKeptAndBounded() throws Exception {
        PolicySandbox.Result r = new PolicySandbox().evaluate(new Policy("p.js", "console.log('hello', host.vendor);\n"
                + "for (let i = 0; i < 100000; i++) print('spam spam spam');\n"), input());
        assertTrue(r.output().startsWith("hello GenuineIntel\n"), r.output());
        assertTrue(r.output().length() < PolicySandbox.OUTPUT_LIMIT + 100, "output not bounded: " + r.output().length());
        assertTrue(r.output().endsWith("[output cut at " + PolicySandbox.OUTPUT_LIMIT + " bytes]\n"));
    }

    @Test
    void oddThrownValuesAndAReplacedStringifyAreOneLineErrors() {
        assertEquals("p.js: its result is not JSON text (was JSON.stringify replaced?)", fails("JSON.stringify = () => 42;\n").getMessage());
        assertEquals(PolicyException.Kind.THROWN, fails("throw {name: 'PolicyError', message: 42};\n").kind());
        assertEquals(PolicyException.Kind.THROWN, fails("throw {name: 'UnknownFeatureError', feature: 7};\n").kind());
        assertEquals(PolicyException.Kind.THROWN, fails("throw {get name() { throw new Error('b'); }};\n").kind());
    }

    @Test
    void randomnessAndTheClockAreNotInputs() {
        PolicyException random = fails("cpu.hide(Math.random() < 0.5 ? 'avx2' : 'sse4_2');\n");
        assertEquals(PolicyException.Kind.SANDBOX, random.kind());
        assertTrue(random.getMessage().startsWith("p.js:1: Math.random is not available: a policy must compute the same model"),
                random.getMessage());
        assertEquals(PolicyException.Kind.SANDBOX, fails("if (new Date().getDay() === 1) cpu.hide('avx2');\n").kind());
    }

    @Test
    void aHugeFeatureNameIsRefusedQuicklyAndShownShort() {
        PolicyException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> fails("cpu.hide('x'.repeat(1e7));\n"));
        assertEquals(PolicyException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().length() < 500, e.getMessage().length() + " characters");
        assertTrue(e.getMessage().contains("(10000000 characters)"), e.getMessage());
    }

    @Test
    void aStoppedPolicyDoesNotSpoilTheNextOne() throws Exception {
        fails("while (true) {}\n");
        String plan = new PolicySandbox().evaluate(new Policy("p.js", "cpu.hide('rdrand');\n"), input()).planJson();
        assertTrue(plan.contains("rdrand"), plan);
    }

    private PolicyException fails(String text) {
        return fails(new PolicySandbox(), text);
    }

    private PolicyException fails(PolicySandbox sandbox, String text) {
        return assertThrows(PolicyException.class, () -> sandbox.evaluate(new Policy("p.js", text), input()));
    }

    private static String input() {
        CpuProfile host = Profiles.load(Profiles.SKYLAKE);
        return PolicyInput.gather(host.table(), host.xcr0(), PolicyArguments.parse(List.of())).toJson();
    }
}
