package org.xrr.shell;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.interposer.trace.TraceDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code xrr pack} with a library the test builds: a program linked to it by rpath returns the
 * library's constant as its exit status, so a replay that mapped another version of the library
 * would end with another status, which replay reports as a divergence.
 */
class PackCommandTest {
    @TempDir
    Path tmp;
    private Path library;
    private Path program;

    @BeforeEach
    void build() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        library = lib.resolve("libvalue.so");
        buildLibrary(41);
        Path main = tmp.resolve("main.c");
        Files.writeString(main, "int value(void);\nint main(void) { return value(); }\n");
        program = tmp.resolve("program");
        gcc("-o", program.toString(), main.toString(), "-L" + lib, "-lvalue", "-Wl,-rpath," + lib);
    }

    @Test
    void aPackedTraceReplaysWithTheRecordedLibraryAfterItChanged() throws Exception {
        Path trace = tmp.resolve("trace");
        CliRun record = CliRun.of("record", "-o", trace.toString(), "--", program.toString());
        assertEquals(41, record.status(), record.err());
        Path unpacked = tmp.resolve("unpacked");
        copyTree(trace, unpacked);

        CliRun pack = CliRun.of("pack", trace.toString());
        assertEquals(0, pack.status(), pack.err());
        assertTrue(pack.err().matches("xrr: packed " + trace + ": \\d+ file\\(s\\), \\d+ copied now \\(\\d+ bytes\\)\n"), pack.err());
        assertTrue(TraceDirectory.open(trace).header().packed());
        assertTrue(CliRun.of("traceinfo", trace.toString()).out().contains("\"packed\" : true"));
        try (Stream<Path> copies = Files.list(trace.resolve("files"))) {
            List<String> names = copies.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().allMatch(n -> n.matches("[0-9a-f]{64}")), names.toString());
            assertTrue(names.size() >= 3, "program, library and libc at least: " + names);
        }
        CliRun again = CliRun.of("pack", trace.toString());
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().endsWith(", 0 copied now (0 bytes)\n"), "packing twice copies nothing: " + again.err());

        buildLibrary(42);
        for (int i = 0; i < 3; i++) {
            CliRun replay = CliRun.of("replay", trace.toString());
            assertEquals(0, replay.status(), "replay " + (i + 1) + ": " + replay.err());
            assertTrue(replay.err().contains("the program exited with status 41"), replay.err());
        }
        CliRun refused = CliRun.of("replay", unpacked.toString());
        assertEquals(2, refused.status(), refused.err());
        assertTrue(refused.err().startsWith("xrr: cannot replay: 1 file(s) the recording mapped changed since: " + library
                + " (content differs"), refused.err());

        Files.delete(library);
        CliRun missing = CliRun.of("replay", trace.toString());
        assertEquals(0, missing.status(), "the copy stands in for a missing library too: " + missing.err());
    }

    @Test
    void packingRefusesAFileChangedSinceTheRecordingAndADamagedTrace() throws Exception {
        Path trace = tmp.resolve("trace");
        assertEquals(41, CliRun.of("record", "-o", trace.toString(), "--", program.toString()).status());
        Path damaged = tmp.resolve("damaged");
        copyTree(trace, damaged);
        buildLibrary(42);
        CliRun changed = CliRun.of("pack", trace.toString());
        assertEquals(2, changed.status(), changed.err());
        assertTrue(changed.err().startsWith("xrr: cannot pack: " + library + " changed since the recording (SHA-256 "), changed.err());
        assertEquals(1, changed.err().lines().count(), changed.err());
        assertFalse(TraceDirectory.open(trace).header().packed());

        Path events = damaged.resolve(TraceDirectory.EVENTS);
        byte[] whole = Files.readAllBytes(events);
        Files.write(events, java.util.Arrays.copyOf(whole, whole.length / 2));
        CliRun broken = CliRun.of("pack", damaged.toString());
        assertEquals(2, broken.status(), broken.err());
        assertTrue(broken.err().startsWith("xrr: cannot pack: " + events), broken.err());
        assertEquals(1, broken.err().lines().count(), broken.err());
    }

    private void buildLibrary(int value) throws Exception {
        Path source = tmp.resolve("value.c");
        Files.writeString(source, "int value(void) { return " + value + "; }\n");
        gcc("-shared", "-fPIC", "-o", library.toString(), source.toString());
    }

    private static void gcc(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/gcc"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "gcc " + String.join(" ", args) + ": " + output);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
