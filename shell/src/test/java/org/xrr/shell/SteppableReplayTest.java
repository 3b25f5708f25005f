package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.interposer.debug.ReplayState;
import org.xrr.interposer.debug.SteppableReplay;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.trace.ExitEvent;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.TraceDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replay held at every event in turn: each event is reported once, and the held task answers from the test's thread. */
class SteppableReplayTest {
    @TempDir
    Path tmp;

    @Test
    void everyEventIsReportedOnceAndEachHeldTaskCanBeInspected() throws Exception {
        Path trace = Recordings.record(tmp, "sh", "-c", "cat /etc/hostname > /dev/null");
        long events = CliRun.of("dump", trace.toString()).out().lines().count();
        List<Long> seen = new ArrayList<>();
        try (SteppableReplay replay = new SteppableReplay(TraceDirectory.open(trace), XdgDirectories.siteCache(),
                new FileIdentities(XdgDirectories.fileHashes()), null, null)) {
            IllegalStateException early = assertThrows(IllegalStateException.class, () -> replay.inspect(t -> t.tid()));
            assertEquals("the program is not running yet: step or continue first", early.getMessage());
            while (replay.resume(s -> true) == ReplayState.PAUSED) {
                seen.add(replay.position().index());
                if (!(replay.position().event() instanceof ExitEvent)) {
                    int tid = replay.inspect(t -> t.tid());
                    assertEquals(replay.position().tid(), tid);
                    long rip = replay.inspect(t -> t.register(Registers.RIP));
                    assertTrue(rip > 0 && rip < 0x8000_0000_0000L, "a user-space RIP: " + Long.toHexString(rip));
                }
            }
            assertEquals(ReplayState.ENDED, replay.state());
            assertEquals(0, replay.result().exitCode());
            assertEquals(events, replay.matched());
            IllegalStateException late = assertThrows(IllegalStateException.class, () -> replay.inspect(t -> t.tid()));
            assertEquals("the program is not running any more: restart it, or seek to an event", late.getMessage());
        }
        assertEquals(events, seen.size(), "one stop per event");
        TreeSet<Long> distinct = new TreeSet<>(seen);
        assertEquals(events, distinct.size(), "no event twice: " + seen);
        assertEquals(0L, distinct.first());
        assertEquals(events - 1, distinct.last());
        assertTrue(events > 100 && seen.stream().anyMatch(i -> i > 0), "two processes replayed: " + seen.size());
    }
}
