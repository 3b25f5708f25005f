package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xrr.disasm.testing.NativePrograms;
import org.xrr.interposer.cpu.FeatureCatalogue;
import org.xrr.interposer.cpu.HostCpu;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** xrr hunt on real programs: feature bisection and run comparison, with their reports. */
class HuntCommandTest {
    private static final Set<String> X86_64_V4 = Set.of("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl");

    @TempDir
    static Path tmp;

    private static void needsAvx512() {
        assumeTrue(FeatureCatalogue.named("avx512f").isSetIn(HostCpu.table()), "this host has no AVX-512 to hide");
    }

    private static CliRun hunt(String... args) {
        CliRun run = CliRun.of(args);
        assumeFalse(run.err().contains("ptrace is not permitted"), run.err());
        return run;
    }

    private static String finding(CliRun run, String prefix) {
        return run.out().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' in:\n" + run.out() + run.err()));
    }

    @Test
    void bisectionNamesExactlyTheFeatureThatPicksTheKernel() throws Exception {
        needsAvx512();
        Path html = tmp.resolve("isapath.html");
        CliRun run = hunt("hunt", "features", "--mask", "avx512f", "--html", html.toString(), "--",
                NativePrograms.path("isapath").toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(finding(run, "features responsible: ").startsWith("features responsible: avx512f ("), run.out());
        assertEquals("each of these changes the behaviour when hidden alone: avx512f",
                finding(run, "each of these changes"));
        assertTrue(finding(run, "first difference with them hidden: ").contains("write("), run.out());
        assertTrue(finding(run, "avx512f: ").startsWith("avx512f: hidden alone, first difference at event "), run.out());
        checkPage(html, "avx512f");
    }

    @Test
    void bisectionAgainstAWholeOtherCpuFindsTheSameFeature() {
        needsAvx512();
        Path sandyBridge = Path.of(System.getProperty("xrr.profiles.dir"), "intel-sandybridge-e-core-i7-3930k.json");
        CliRun run = hunt("hunt", "features", "--target-profile", sandyBridge.toString(), "-j", "2", "--",
                NativePrograms.path("isapath").toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(finding(run, "features responsible: ").startsWith("features responsible: avx512f ("), run.out());
    }

    @Test
    void bisectionFindsWhatMakesTheLoaderPickAnotherGlibcHwcapsDirectory() throws Exception {
        needsAvx512();
        Path lib = Files.createDirectories(tmp.resolve("hwcaps/lib"));
        Path v4 = Files.createDirectories(lib.resolve("glibc-hwcaps/x86-64-v4"));
        Path base = tmp.resolve("hwcaps");
        Files.writeString(base.resolve("base.c"), "const char *level(void) { return \"baseline\"; }\n");
        Files.writeString(base.resolve("v4.c"), "const char *level(void) { return \"x86-64-v4\"; }\n");
        Files.writeString(base.resolve("main.c"),
                "#include <stdio.h>\nconst char *level(void);\nint main(void) { puts(level()); return 0; }\n");
        gcc("-shared", "-fPIC", "-o", lib.resolve("liblevel.so").toString(), base.resolve("base.c").toString());
        gcc("-shared", "-fPIC", "-o", v4.resolve("liblevel.so").toString(), base.resolve("v4.c").toString());
        Path program = base.resolve("level");
        gcc("-o", program.toString(), base.resolve("main.c").toString(), "-L" + lib, "-llevel", "-Wl,-rpath," + lib);
        CliRun run = hunt("hunt", "features", "--mask", "avx512f", "--json", "--", program.toString());
        assertEquals(1, run.status(), run.out() + run.err());
        var report = Json.MAPPER.readTree(run.out());
        Set<String> alone = new TreeSet<>();
        report.get("cells").forEach(c -> {
            if (c.get("status").asText().equals("differs") && !c.get("column").asText().startsWith("all ")) {
                alone.add(c.get("column").asText());
            }
        });
        assertEquals(new TreeSet<>(X86_64_V4), alone, "the loader drops x86-64-v4 without any one of its AVX-512 features");
        String responsible = java.util.stream.StreamSupport.stream(report.get("findings").spliterator(), false)
                .map(f -> f.asText()).filter(f -> f.startsWith("features responsible: ")).findFirst().orElse("");
        assertTrue(X86_64_V4.stream().anyMatch(f -> responsible.startsWith("features responsible: " + f + " (")), responsible);
    }

    @Test
    void runsThatAgreeAreReportedAsSuch() {
        CliRun run = hunt("hunt", "runs", "3", "--", "/bin/echo", "same every time");
        assertEquals(0, run.status(), run.out() + run.err());
        assertEquals("all 3 runs agree: output, exit status and every event", finding(run, "all 3 runs"));
    }

    @Test
    void runsThatPrintTheTimeDifferBecauseOfTime() {
        CliRun run = hunt("hunt", "runs", "2", "--", "/bin/date", "+%s.%N");
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(finding(run, "the runs stop agreeing at ").contains(", from time"), run.out());
    }

    @Test
    void runsThatPrintRandomBytesDifferBecauseOfRandomness() {
        CliRun run = hunt("hunt", "runs", "2", "--", "/usr/bin/python3", "-c", "import os; print(os.urandom(8).hex())");
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(finding(run, "the runs stop agreeing at ").contains(", from randomness"), run.out());
    }

    @Test
    void aDataRaceBetweenTwoThreadsIsASchedulingDifference() {
        CliRun run = hunt("hunt", "runs", "4", "--", NativePrograms.path("raceprobe").toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(finding(run, "the runs stop agreeing at ").contains(", from scheduling"), run.out());
    }

    @Test
    void jobsEmittedRunSeparatelyAndMergeIntoTheSameReport() throws Exception {
        Path jobs = tmp.resolve("jobs");
        CliRun emit = CliRun.of("hunt", "runs", "--emit-jobs", jobs.toString(), "2", "--", "/bin/date", "+%s.%N");
        assertEquals(0, emit.status(), emit.err());
        assertTrue(Files.isRegularFile(jobs.resolve("job-0000.json")) && Files.isRegularFile(jobs.resolve("job-0001.json")));
        CliRun early = CliRun.of("hunt", "merge", jobs.toString());
        assertEquals(2, early.status());
        assertTrue(early.err().contains("has no result") && early.err().contains("xrr hunt run-job"), early.err());
        for (String job : List.of("job-0000.json", "job-0001.json")) {
            CliRun run = hunt("hunt", "run-job", jobs.resolve(job).toString());
            assertEquals(0, run.status(), run.err());
        }
        CliRun merged = CliRun.of("hunt", "merge", "--json", jobs.toString());
        assertEquals(1, merged.status(), merged.out() + merged.err());
        var report = Json.MAPPER.readTree(merged.out());
        assertEquals("runs", report.get("mode").asText());
        assertTrue(report.get("findings").get(0).asText().contains(", from time"), merged.out());
        Files.writeString(jobs.resolve("job-0002.json"), "{\"format\": 7}");
        CliRun bad = CliRun.of("hunt", "merge", jobs.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith("xrr: " + jobs.resolve("job-0002.json") + ": not an xrr hunt job"), bad.err());
    }

    @Test
    void theMatrixReplaysARecordingForHaswellWhereItCanAndNamesWhyNotElsewhere() throws Exception {
        Path profiles = Path.of(System.getProperty("xrr.profiles.dir"));
        Path trace = tmp.resolve("for-haswell");
        CliRun record = hunt("record", "-o", trace.toString(), "--target-profile",
                profiles.resolve("intel-haswell-ep-xeon-e5-2630v3.json").toString(), NativePrograms.path("isapath").toString());
        assertEquals(0, record.status(), record.err());
        Path policy = Path.of("..", "scripts", "policies", "x86-64-v2.js").toAbsolutePath();
        CliRun run = hunt("hunt", "matrix", trace.toString(), "--profiles", profiles.toString(), "--policy", policy.toString(),
                "--json");
        assertEquals(1, run.status(), run.out() + run.err());
        var report = Json.MAPPER.readTree(run.out());
        long profileCount;
        try (var files = Files.list(profiles)) {
            profileCount = files.filter(p -> p.toString().endsWith(".json")).count();
        }
        assertEquals(2 * profileCount, report.get("cells").size());
        for (var cell : report.get("cells")) {
            String status = cell.get("status").asText();
            if (cell.get("row").asText().equals("intel-haswell-ep-xeon-e5-2630v3") && cell.get("column").asText().equals("no policy")) {
                assertEquals("replays", status, cell.toString());
            }
            if (cell.get("column").asText().equals("x86-64-v2")) {
                assertEquals("refused", status, "an x86-64-v2 host has no AVX, which the trace showed: " + cell);
                assertTrue(cell.get("details").asText().contains("AVX"), cell.toString());
            }
            if (status.equals("refused")) {
                assertTrue(cell.get("details").asText().startsWith("cannot replay: "), cell.toString());
            }
        }
    }

    @Test
    void badInputIsAOneLineError() {
        CliRun one = CliRun.of("hunt", "runs", "1", "--", "/bin/true");
        assertEquals(2, one.status());
        assertEquals("xrr: hunt runs needs at least 2 runs to compare, not 1\n", one.err());
        CliRun missing = CliRun.of("hunt", "features", "--mask", "avx512f", "--", "no-such-program-anywhere");
        assertEquals(127, missing.status());
        CliRun unknown = CliRun.of("hunt", "features", "--mask", "avx513f", "--", "/bin/true");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("xrr: ") && unknown.err().contains("avx512f"), unknown.err());
    }

    private static void gcc(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("gcc", "-O2"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
    }

    /** The HTML page is well-formed, and draws one coloured cell per recording compared, with details. */
    private static void checkPage(Path html, String changing) throws Exception {
        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        Element table = (Element) page.getElementsByTagName("table").item(0);
        assertEquals("matrix", table.getAttribute("id"));
        NodeList cells = table.getElementsByTagName("td");
        assertTrue(cells.getLength() >= 2);
        int differing = 0;
        for (int i = 0; i < cells.getLength(); i++) {
            Element td = (Element) cells.item(i);
            String status = td.getAttribute("data-status");
            assertTrue(status.equals("same") || status.equals("differs"), status);
            assertTrue(td.getAttribute("style").startsWith("background: #"), td.getAttribute("style"));
            assertTrue(!td.getAttribute("data-details").isEmpty());
            if (status.equals("differs")) {
                differing++;
                assertTrue(td.getAttribute("data-column").equals(changing) || td.getAttribute("data-column").startsWith("all "));
                assertTrue(td.getAttribute("data-details").contains("write("), td.getAttribute("data-details"));
            }
        }
        assertEquals(2, differing, "the target as a whole, and the one feature");
        assertEquals(1, page.getElementsByTagName("script").getLength());
    }
}
