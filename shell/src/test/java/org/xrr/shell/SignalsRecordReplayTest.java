package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * signalprobe, recorded once and replayed three times: faults the program handles, a timer's
 * signal that ends a busy loop (delivered in the middle of user code), signals between
 * processes, reads interrupted with and without SA_RESTART, SA_SIGINFO on an alternate stack,
 * SIGINT to a process group, and death by signal.
 */
class SignalsRecordReplayTest {
    private static final String EXPECTED = String.join("\n",
            "segv handled: 11",
            "fpe handled: 8",
            "alarm ended the busy loop: 1",
            "from a child: usr1 1 usr2 1 chld 1, exit 3",
            "read without SA_RESTART: EINTR",
            "read with SA_RESTART: late",
            "siginfo: signo 10 code -1 on the alternate stack 1",
            "SIGINT to the tree: the parent got 1, the child exited with 5",
            "child killed by signal 15", "");

    @TempDir
    Path work;

    @Test
    void everyKindOfSignalReplays() throws Exception {
        Path trace = work.resolve("signals");
        assertEquals(EXPECTED, RecordAndReplay.run(work, trace, NativePrograms.path("signalprobe").toString()));
        XrrChild dump = XrrChild.run(work, "dump", trace.toString());
        assertEquals(0, dump.status(), dump.err());
        // The timer's signal stopped the busy loop in user code: its point is a preemption, then the signal.
        assertTrue(dump.out().matches("(?s).* preemption .*\\n[^\\n]* signal +SIGALRM delivered, wrote \\d+ bytes .*"), dump.out());
    }

    @Test
    void deathBySignalIsReproduced() throws Exception {
        Path trace = work.resolve("death");
        XrrChild recorded = XrrChild.run(work, "record", "-o", trace.toString(), "--", NativePrograms.path("signalprobe").toString(), "die");
        assertEquals(128 + 15, recorded.status(), recorded.err());
        assertEquals(EXPECTED, recorded.out());
        for (int i = 0; i < 3; i++) {
            XrrChild replayed = XrrChild.run(work, "replay", trace.toString());
            assertEquals(0, replayed.status(), "replay " + (i + 1) + ": " + replayed.err());
            assertEquals(EXPECTED, replayed.out());
            assertTrue(replayed.err().contains("replay matched the recording to its last event (the program exited with status 143)"),
                    replayed.err());
        }
    }
}
