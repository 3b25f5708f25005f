package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
    void anExistingOutputDirectoryIsRefused() {
        CliRun run = CliRun.of("record", "-o", tmp.toString(), "true");
        assertEquals(2, run.status());
        assertEquals("xrr: " + tmp + " already exists; choose a new directory for the trace\n", run.err());
    }
}
