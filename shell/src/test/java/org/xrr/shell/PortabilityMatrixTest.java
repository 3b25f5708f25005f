package org.xrr.shell;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.portability.Difference;
import org.xrr.interposer.portability.PortabilityCheck;
import org.xrr.interposer.trace.TraceDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Portability over the shared CPU profiles: a probe recorded once with {@code --target-profile B}
 * for every profile B, checked against every profile A as {@code replay --as-host A} would check
 * it, and replayed for real for a representative few pairs.
 */
class PortabilityMatrixTest {
    @TempDir
    static Path work;
    private static final Map<String, Path> PROFILES = new LinkedHashMap<>();
    /** The trace recorded for each target profile, by profile file name. */
    private static final Map<String, Path> FOR_TARGET = new LinkedHashMap<>();
    private static Path withoutTarget;

    @BeforeAll
    static void recordOncePerTarget() throws Exception {
        Path dir = Path.of(System.getProperty("xrr.profiles.dir"));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> PROFILES.put(f.getFileName().toString(), f));
        }
        assertTrue(PROFILES.size() >= 5, "the shared CPU profiles: " + PROFILES);
        for (Map.Entry<String, Path> p : PROFILES.entrySet()) {
            FOR_TARGET.put(p.getKey(), record(p.getKey(), "--target-profile", p.getValue().toString()));
        }
        withoutTarget = record("no-target");
    }

    /** Records the probe, its output to a file; the options go before the program. */
    private static Path record(String name, String... options) {
        Path trace = work.resolve(name + "-trace");
        List<String> args = new ArrayList<>(List.of("record", "-o", trace.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--", "sh", "-c", NativePrograms.cpuprobe() + " xsave-size > " + work.resolve(name + ".out")));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), name + ": " + run.err());
        return trace;
    }

    private static CpuProfile presented(Path trace) throws Exception {
        return TraceDirectory.open(trace).header().presentedCpu();
    }

    private static CpuProfile profile(String name) throws Exception {
        return CpuProfile.load(PROFILES.get(name));
    }

    @Test
    void everyOrderedPairEitherReplaysOrNamesTheDifferences() throws Exception {
        int refused = 0;
        for (String b : PROFILES.keySet()) {
            CpuProfile shown = presented(FOR_TARGET.get(b));
            for (String a : PROFILES.keySet()) {
                List<Difference> found = PortabilityCheck.differences(shown, profile(a));
                if (a.equals(b)) {
                    assertEquals(List.of(), found, "recorded for " + b + ", replayed as " + a);
                }
                for (Difference d : found) {
                    assertFalse(d.message().isBlank());
                }
                refused += found.isEmpty() ? 0 : 1;
            }
        }
        assertTrue(refused > 0, "some profiles must be too small for others");
    }

    @Test
    void aRecordingForATargetReplaysAsThatHost() {
        for (String b : List.of(first("amd-zen4"), first("intel-skylake"), first("intel-haswell"))) {
            for (int i = 0; i < 3; i++) {
                CliRun run = CliRun.of("replay", "--as-host", PROFILES.get(b).toString(), FOR_TARGET.get(b).toString());
                assertEquals(0, run.status(), b + ", replay " + (i + 1) + ": " + run.err());
                assertTrue(run.err().contains("replay matched the recording to its last event"), run.err());
            }
        }
    }

    @Test
    void aPairTheCheckAcceptsReplaysAndOneItRefusesIsRefusedBeforeRunning() throws Exception {
        String[] accepted = null;
        String[] refused = null;
        List<Difference> why = null;
        for (String b : PROFILES.keySet()) {
            for (String a : PROFILES.keySet()) {
                List<Difference> found = PortabilityCheck.differences(presented(FOR_TARGET.get(b)), profile(a));
                if (accepted == null && !a.equals(b) && found.isEmpty()) {
                    accepted = new String[] {b, a};
                }
                if (refused == null && !found.isEmpty()) {
                    refused = new String[] {b, a};
                    why = found;
                }
            }
        }
        assertTrue(accepted != null && refused != null, "the profiles give both outcomes");
        CliRun ok = CliRun.of("replay", "--as-host", PROFILES.get(accepted[1]).toString(), FOR_TARGET.get(accepted[0]).toString());
        assertEquals(0, ok.status(), accepted[0] + " as " + accepted[1] + ": " + ok.err());

        CliRun no = CliRun.of("replay", "--as-host", PROFILES.get(refused[1]).toString(), FOR_TARGET.get(refused[0]).toString());
        assertEquals(2, no.status(), no.err());
        assertEquals("xrr: " + PortabilityCheck.refusal(why, PROFILES.get(refused[1]).toString(), "") + "\n", no.err(),
                "refused before running, naming each difference");
        assertTrue(no.err().contains("Record for this host with 'xrr record --target-profile " + PROFILES.get(refused[1]) + " ...'"));
    }

    /** Without a target the recording shows everything this host has; every profile lacking some of it refuses. */
    @Test
    void aRecordingWithoutTargetIsRefusedWhereverWhatItUsedIsMissing() throws Exception {
        CpuProfile shown = presented(withoutTarget);
        int refusing = 0;
        String refusingProfile = null;
        for (String a : PROFILES.keySet()) {
            List<Difference> found = PortabilityCheck.differences(shown, profile(a));
            boolean lacksXcr0 = (shown.xcr0() & ~profile(a).xcr0()) != 0;
            if (lacksXcr0) {
                assertTrue(found.stream().anyMatch(d -> d.kind() == Difference.Kind.XCR0), a + ": " + found);
            }
            if (!found.isEmpty()) {
                refusing++;
                refusingProfile = a;
            }
        }
        assertTrue(refusing > 0, "this host has something no profile has");
        CliRun run = CliRun.of("replay", "--as-host", PROFILES.get(refusingProfile).toString(), withoutTarget.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().startsWith("xrr: cannot replay: this host cannot present the CPU the recording presented: "), run.err());
        CliRun here = CliRun.of("replay", withoutTarget.toString());
        assertEquals(0, here.status(), "on the recording machine itself: " + here.err());
    }

    private static String first(String prefix) {
        return PROFILES.keySet().stream().filter(n -> n.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no profile " + prefix + "* among " + PROFILES.keySet()));
    }
}
