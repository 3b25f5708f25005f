package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.interposer.cpu.FeatureCatalogue;
import org.xrr.interposer.cpu.HostCpu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every shipped session script, run with {@code xrr script} on traces recorded for it; and how scripts fail. */
class SessionScriptsTest {
    @TempDir
    Path tmp;

    private static Path script(String name) {
        return Path.of(System.getProperty("xrr.scripts.dir"), "sessions", name);
    }

    @Test
    void cpuidQueriesListsEveryQueryWithItsSiteAndAnswer() {
        Path trace = Recordings.record(tmp, "sh", "-c", "true");
        long queries = CliRun.of("dump", "--kind", "trap", trace.toString()).out().lines().filter(l -> l.contains(" cpuid at ")).count();
        CliRun run = CliRun.of("script", script("cpuid-queries.js").toString(), trace.toString());
        assertEquals(0, run.status(), run.err());
        List<String> rows = run.out().lines().skip(1).toList();
        assertTrue(queries > 5, "the loader asks CPUID several times");
        assertEquals(queries, rows.size(), run.out());
        assertTrue(Pattern.compile("(?m)^\\d+\\s+0x00000000  0x[0-9a-f]{8}  0x[0-9a-f]{8} 0x756e6547 0x6c65746e 0x49656e69 "
                + "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\\+0x[0-9a-f]+$").matcher(run.out()).find()
                || run.out().contains("0x68747541 0x444d4163 0x69746e65"), "leaf 0 answers the vendor, at a named site: " + run.out());
        assertTrue(Pattern.compile("(?m)^\\d+\\s+0x00000007  0x00000000 ").matcher(run.out()).find(), run.out());
    }

    @Test
    void openedFilesReadsEachPathFromTheReplayedProgram() {
        Path trace = Recordings.record(tmp, "sh", "-c", "cat /etc/hostname > /dev/null; cat /nonexistent 2> /dev/null; true");
        CliRun run = CliRun.of("script", script("opened-files.js").toString(), trace.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("fd 3\t/etc/ld.so.cache\n"), run.out());
        assertTrue(Pattern.compile("(?m)^fd \\d+\t/etc/hostname$").matcher(run.out()).find(), run.out());
        assertTrue(run.out().contains("error 2\t/nonexistent\n"), "ENOENT: " + run.out());
        assertTrue(Pattern.compile("(?m)^fd \\d+\t/dev/null$").matcher(run.out()).find(), run.out());
    }

    @Test
    void compareTracesFindsTheFirstDifference() throws Exception {
        Path a = Recordings.record(tmp, "sh", "-c", "cat /etc/hostname > /dev/null");
        Path b = tmp.resolve("copy");
        copy(a, b);
        CliRun same = CliRun.of("script", script("compare-traces.js").toString(), a.toString(), b.toString());
        assertEquals(0, same.status(), same.err());
        assertTrue(same.out().startsWith("the traces match: "), same.out());
        long changed = Recordings.rewriteFirstOpenat(b);
        CliRun differ = CliRun.of("script", script("compare-traces.js").toString(), a.toString(), b.toString());
        assertEquals(0, differ.status(), differ.err());
        assertTrue(differ.out().startsWith("first difference at event " + changed + ":\n  " + a + ": {"), differ.out());
        assertTrue(differ.out().contains("\"name\":\"openat\""), differ.out());
        CliRun ignoring = CliRun.of("script", script("compare-traces.js").toString(), "--ignore-time", a.toString(), b.toString());
        assertEquals(0, ignoring.status(), ignoring.err());
        assertTrue(ignoring.out().startsWith("first difference at event " + changed + ":"), ignoring.out());
    }

    @Test
    void hwcapsNamesTheDirectoryTheLoaderChoseUnderEachModel() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
        Path lib = tmp.resolve("lib");
        for (String level : List.of("x86-64-v3", "x86-64-v2")) {
            Path dir = Files.createDirectories(lib.resolve("glibc-hwcaps").resolve(level));
            Files.copy(Path.of("/lib/x86_64-linux-gnu/libz.so.1"), dir.resolve("libz.so.1"));
        }
        String[] program = {"/usr/bin/env", "LD_LIBRARY_PATH=" + lib, "/usr/bin/python3", "-c", "pass"};
        Path masked = Recordings.record(tmp, List.of("--mask", "avx2"), program);
        CliRun v2 = CliRun.of("script", script("hwcaps.js").toString(), masked.toString());
        assertEquals(0, v2.status(), v2.err());
        assertTrue(v2.out().contains("openat " + lib + "/glibc-hwcaps/x86-64-v2/libz.so.1: found\n"), v2.out());
        assertTrue(v2.out().endsWith("levels searched: x86-64-v2\nchosen: glibc-hwcaps/x86-64-v2\n"), v2.out());
        assumeTrue(FeatureCatalogue.presentIn(HostCpu.table()).contains(FeatureCatalogue.named("avx2")),
                "this host has no AVX2: the loader cannot choose x86-64-v3");
        Path whole = Recordings.record(tmp, program);
        CliRun v3 = CliRun.of("script", script("hwcaps.js").toString(), whole.toString());
        assertEquals(0, v3.status(), v3.err());
        assertTrue(v3.out().endsWith("chosen: glibc-hwcaps/x86-64-v3\n"), v3.out());
    }

    @Test
    void aScriptRecordsUnderAModelAndReplaysToTheEnd() throws Exception {
        Path probe = tmp.resolve("record.js");
        Path out = tmp.resolve("recorded");
        Files.writeString(probe, String.join("\n",
                "const trace = xrr.record(['/bin/true'], {mask: ['avx2'], output: xrr.args[0]});",
                "const s = xrr.replay(trace);",
                "const m = s.model();",
                "print(trace, m.presented.features.includes('avx2'), m.presented.features.includes('sse2'));",
                "print(s.state, s.position);",
                "const first = s.step();",
                "print(first.index, first.kind, first.path, s.state);",
                "print(s.continue(), s.state, s.divergence);",
                "try { xrr.record(['/bin/false'], {output: xrr.args[0] + '-false'}); } catch (e) { print(e.message); }",
                ""));
        CliRun run = CliRun.of("script", probe.toString(), out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith(out + " false true\nnot_started null\n0 exec /usr/bin/true paused\nnull ended null\n"
                + "xrr.record: /bin/false ended with status 1\n"), run.out());
    }

    @Test
    void aFailingScriptIsNamedByFileAndLine() throws Exception {
        Path bad = tmp.resolve("bad.js");
        Files.writeString(bad, "print('before');\nxrr.replay('" + tmp.resolve("none") + "');\n");
        CliRun run = CliRun.of("script", bad.toString());
        assertEquals(2, run.status());
        assertEquals("before\n", run.out());
        assertEquals("xrr: " + bad + ":2: " + tmp.resolve("none") + ": no such trace\n", run.err());
        Files.writeString(bad, "\n\nlet x = ;\n");
        assertTrue(CliRun.of("script", bad.toString()).err().startsWith("xrr: " + bad + ":3: syntax error: "));
    }

    @Test
    void aScriptReachesNothingButTheXrrObject() throws Exception {
        Path probe = tmp.resolve("probe.js");
        Files.writeString(probe, String.join("\n",
                "print(typeof load, typeof require);",
                "try { Java.type('java.lang.System'); print('host class allowed'); } catch (e) { print('host class refused'); }",
                "try { Polyglot.eval('js', '1'); print('polyglot allowed'); } catch (e) { print('polyglot refused'); }",
                "const s = xrr.replay('" + Recordings.record(tmp, "/bin/true") + "');",
                "print(typeof s._h.getClass, typeof s._h.session);",
                "print(s.events().map((e) => e.kind).take(1).toArray().join());",
                "print(xrr.args.join('|'));",
                ""));
        CliRun run = CliRun.of("script", probe.toString(), "a b", "c");
        assertEquals(0, run.status(), run.err());
        assertEquals("undefined undefined\nhost class refused\npolyglot refused\nundefined undefined\nexec\na b|c\n", run.out());
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
