package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code xrr shell -c}: a list of commands run without a terminal; its status is the last command's. */
class ShellCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void runsTheListUpToExit() throws Exception {
        Path trace = Recordings.record(tmp, "sh", "-c", "true");
        XrrChild run = XrrChild.run(tmp, "shell", "--history-file", tmp.resolve("history").toString(), "-c",
                "help seek; replay -q " + trace + "; break exec; continue; info threads; frobnicate; exit; step");
        assertEquals(Cli.EXIT_BAD_INPUT, run.status(), "the status of the last command run, frobnicate: " + run.err());
        assertTrue(run.out().contains("Usage: seek N"), run.out());
        assertTrue(run.out().contains("breakpoint 1 (exec)"), run.out());
        assertTrue(run.out().matches("(?s).*\\n\\* task \\d+ \\(recorded as \\d+\\)\\n.*"), run.out());
        assertTrue(run.out().contains("Unmatched argument at index 0: 'frobnicate'"), run.out());
        assertEquals(1, run.out().split("breakpoint 1 \\(exec\\)").length - 1, "nothing runs after exit: " + run.out());
    }
}
