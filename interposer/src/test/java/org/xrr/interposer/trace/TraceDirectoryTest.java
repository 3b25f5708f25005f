package org.xrr.interposer.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void aNewTraceHoldsItsHeaderAndEvents() throws IOException {
        Path dir = tmp.resolve("python3-0");
        List<TraceEvent> events = SampleEvents.oneOfEach();
        try (TraceWriter writer = TraceDirectory.create(dir, TraceHeaderTest.sample())) {
            for (TraceEvent e : events) {
                writer.append(e);
            }
        }
        TraceDirectory trace = TraceDirectory.open(dir);
        assertEquals(TraceHeaderTest.sample(), trace.header());
        assertEquals(events, Traces.readAll(trace.eventsFile()));
        assertEquals(dir.resolve("files"), trace.filesDirectory());
        try (var entries = Files.list(dir)) {
            assertEquals(List.of("events", "header.json"), entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void rewritingTheHeaderKeepsTheEvents() throws IOException {
        Path dir = tmp.resolve("t");
        TraceDirectory.create(dir, TraceHeaderTest.sample()).close();
        TraceDirectory packed = TraceDirectory.open(dir).rewriteHeader(TraceHeaderTest.sample().withPacked(true));
        assertTrue(packed.header().packed());
        assertTrue(TraceDirectory.open(dir).header().packed());
        assertEquals(List.of(), Traces.readAll(packed.eventsFile()));
    }

    @Test
    void aTraceIsNeverWrittenOverAnything() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(dir.resolve("notes"), "mine");
        assertThrows(IOException.class, () -> TraceDirectory.create(dir, TraceHeaderTest.sample()));
        assertEquals("mine", Files.readString(dir.resolve("notes")));
    }

    @Test
    void aDirectoryWithoutAHeaderIsNotATrace() throws IOException {
        assertThrows(NoSuchFileException.class, () -> TraceDirectory.open(tmp.resolve("absent")));
        TraceHeaderException e = assertThrows(TraceHeaderException.class, () -> TraceDirectory.open(tmp));
        assertTrue(e.getMessage().contains("not a trace directory"), e.getMessage());
    }

    @Test
    void theStoreNumbersTracesPerProgramAndPointsLatestAtTheNewest() throws IOException {
        TraceStore store = new TraceStore(tmp.resolve("traces"));
        assertThrows(NoSuchFileException.class, store::latest);
        Path first = store.allocate("/usr/bin/python3");
        Path second = store.allocate("python3");
        Path other = store.allocate("./ls");
        assertEquals("python3-0", first.getFileName().toString());
        assertEquals("python3-1", second.getFileName().toString());
        assertEquals("ls-0", other.getFileName().toString());
        assertEquals(other.toRealPath(), store.latest());
        Files.delete(first);
        assertEquals("python3-2", store.allocate("python3").getFileName().toString(), "numbers are never reused");
        assertEquals("trace-0", store.allocate("latest").getFileName().toString());
        assertTrue(Files.isSymbolicLink(store.root().resolve(TraceStore.LATEST)));
    }

    @Test
    void aTraceIsNamedByPathOrByItsNameInTheStore() throws IOException {
        TraceStore store = new TraceStore(tmp.resolve("traces"));
        Path stored = store.allocate("python3");
        assertEquals(stored, store.resolve("python3-0"));
        Path elsewhere = Files.createDirectories(tmp.resolve("python3-0"));
        assertEquals(Path.of(elsewhere.toString()), store.resolve(elsewhere.toString()));
        assertFalse(Files.exists(store.resolve("nothing-9")));
    }
}
