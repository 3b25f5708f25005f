package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** xrr record's command line, in process. The program writes into a file, as in RunCommandTest. */
class RecordCommandTest {
    @TempDir
    Path tmp;

    @Test
    void argumentsAfterTheProgramBelongToIt() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("record", "-o", tmp.resolve("trace").toString(), "sh", "-c", "echo \"$0 $1\" > " + out,
                "-o", "--no-cache");
        assertEquals(0, run.status(), run.err());
        assertEquals("-o --no-cache\n", Files.readString(out));
    }

    @Test
    void theProgramSeesEveryCpuAlthoughTheRecordingRunsOnOne() throws Exception {
        Process p = new ProcessBuilder("nproc").redirectErrorStream(true).start();
        String natively = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), natively);
        org.junit.jupiter.api.Assumptions.assumeTrue(Integer.parseInt(natively.strip()) > 1, "one CPU: binding to it changes nothing");
        Path out = tmp.resolve("nproc");
        Path trace = tmp.resolve("nproc-trace");
        CliRun run = CliRun.of("record", "-o", trace.toString(), "sh", "-c",
                "nproc > " + out + "; grep Cpus_allowed_list /proc/self/status >> " + out);
        assertEquals(0, run.status(), run.err());
        List<String> recorded = Files.readAllLines(out);
        org.junit.jupiter.api.Assumptions.assumeTrue(recorded.get(1).matches("Cpus_allowed_list:\\s+\\d+"),
                "the recording could not bind its tasks to one CPU: " + recorded);
        assertEquals(natively.strip(), recorded.get(0), "nproc under a recording bound to one CPU: " + recorded);
        CliRun replay = CliRun.of("replay", "--no-shell", "-q", trace.toString());
        assertEquals(0, replay.status(), replay.err());
    }

    @Test
    void anExistingOutputDirectoryIsRefused() {
        CliRun run = CliRun.of("record", "-o", tmp.toString(), "true");
        assertEquals(2, run.status());
        assertEquals("xrr: " + tmp + " already exists; choose a new directory for the trace\n", run.err());
    }
}
