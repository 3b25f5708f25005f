package org.xrr.shell;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records a program once and replays it three times, in fresh xrr processes as a user runs them. */
final class RecordAndReplay {
    private RecordAndReplay() {
    }

    /**
     * Records {@code command} in {@code work} into {@code trace}; every replay must show the same
     * output and match to the last event. Returns the output.
     */
    static String run(Path work, Path trace, String... command) throws Exception {
        String[] record = new String[command.length + 4];
        record[0] = "record";
        record[1] = "-o";
        record[2] = trace.toString();
        record[3] = "--";
        System.arraycopy(command, 0, record, 4, command.length);
        XrrChild recorded = XrrChild.run(work, record);
        assertEquals(0, recorded.status(), recorded.err());
        for (int i = 0; i < 3; i++) {
            XrrChild replayed = XrrChild.run(work, "replay", trace.toString());
            assertEquals(0, replayed.status(), "replay " + (i + 1) + ": " + replayed.err());
            assertEquals(recorded.out(), replayed.out(), "replay " + (i + 1) + " showed other output");
            assertTrue(replayed.err().contains("replay matched the recording to its last event"), replayed.err());
        }
        return recorded.out();
    }

    /** Like {@link #run(Path, Path, String...)}, into a new trace directory under {@code work}. */
    static String run(Path work, String... command) throws Exception {
        return run(work, Files.createTempDirectory(work, "trace").resolve("t"), command);
    }
}
