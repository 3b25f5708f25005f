package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Multi-threaded programs: each is recorded once and replayed three times with the same output,
 * which depends on the order in which the threads ran.
 */
class ThreadsRecordReplayTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path work;

    @Test
    void mutexConditionVariableAndBarrier() throws Exception {
        String out = RecordAndReplay.run(work, NativePrograms.path("threadprobe").toString());
        assertTrue(out.startsWith("round 0 checksum ") && out.contains("\nthe child of a process with 3 more threads\n")
                && out.contains("\nround 4 checksum ") && out.contains("\ndone "), out);
    }

    @Test
    void exitGroupFromAThreadWhileTheMainThreadWaitsToJoinIt() throws Exception {
        Path trace = work.resolve("exit");
        String probe = NativePrograms.path("threadprobe").toString();
        XrrChild recorded = XrrChild.run(work, "record", "-o", trace.toString(), "--", probe, "exit-from-thread");
        assertEquals(7, recorded.status(), recorded.err());
        assertTrue(recorded.out().endsWith("\nthe last thread ends the program\n"), recorded.out());
        for (int i = 0; i < 3; i++) {
            XrrChild replayed = XrrChild.run(work, "replay", trace.toString());
            assertEquals(0, replayed.status(), "replay " + (i + 1) + ": " + replayed.err());
            assertEquals(recorded.out(), replayed.out());
            assertTrue(replayed.err().contains("replay matched the recording to its last event (the program exited with status 7)"),
                    replayed.err());
        }
    }

    /** Threads, a fork and a vfork that execs, and a thread of the forked child. */
    @Test
    void threadsInATreeOfProcesses() throws Exception {
        String out = RecordAndReplay.run(work, NativePrograms.path("treeprobe").toString());
        assertTrue(out.contains("main-thread-3 ") && out.contains("fork-thread-0 ") && out.contains("\nexec "), out);
    }

    @Test
    void aSpinningThreadIsPreemptedAndReplayStopsItAtTheSamePoint() throws Exception {
        Path trace = work.resolve("spin");
        String out = RecordAndReplay.run(work, trace, NativePrograms.path("spinprobe").toString());
        assertEquals("the spinner saw the flag and the message 42\n", out);
        XrrChild dump = XrrChild.run(work, "dump", trace.toString());
        assertEquals(0, dump.status(), dump.err());
        assertTrue(dump.out().contains(" preemption "), "the spinner was never preempted:\n" + dump.out());
    }

    @Test
    void pythonThreadPoolExecutor() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed");
        Files.writeString(work.resolve("pool.py"), String.join("\n",
                "import hashlib",
                "from concurrent.futures import ThreadPoolExecutor",
                "def work(n):",
                "    h = hashlib.sha256()",
                "    for i in range(200):",
                "        h.update(str(n * 1000 + i).encode())",
                "    return n, h.hexdigest()[:16]",
                "with ThreadPoolExecutor(max_workers=4) as pool:",
                "    results = list(pool.map(work, range(24)))",
                "total = 0",
                "for n, d in results:",
                "    total = (total * 31 + int(d, 16)) % (1 << 64)",
                "print(len(results), hex(total))", ""));
        String out = RecordAndReplay.run(work, PYTHON, "pool.py");
        assertTrue(out.startsWith("24 0x"), out);
    }
}
