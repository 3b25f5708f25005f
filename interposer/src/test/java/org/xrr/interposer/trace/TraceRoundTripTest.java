package org.xrr.interposer.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void everyKindOfEventReadsBackEqual() throws IOException {
        List<TraceEvent> events = SampleEvents.oneOfEach();
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        events.forEach(e -> kinds.add(e.kind()));
        assertEquals(EnumSet.allOf(EventKind.class), kinds, "the sample covers every kind");
        Path file = tmp.resolve("events");
        Traces.write(file, events, TraceWriter.DEFAULT_CHUNK_BYTES);
        assertEquals(events, Traces.readAll(file));
    }

    @Test
    void manyFramesReadBackInOrder() throws IOException {
        List<TraceEvent> events = SampleEvents.syscallHeavy(20_000, 1);
        Path file = tmp.resolve("events");
        try (TraceWriter writer = TraceWriter.create(file, 1024)) {
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i, writer.append(events.get(i)));
            }
            assertEquals(events.size(), writer.eventCount());
        }
        try (TraceReader reader = TraceReader.open(file)) {
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i, reader.nextIndex());
                assertEquals(events.get(i), reader.next(), "event " + i);
            }
            assertNull(reader.next());
            assertNull(reader.next(), "the end stays the end");
        }
    }

    @Test
    void anEmptyTraceHasNoEvents() throws IOException {
        Path file = tmp.resolve("events");
        Traces.write(file, List.of(), TraceWriter.DEFAULT_CHUNK_BYTES);
        assertEquals(List.of(), Traces.readAll(file));
    }

    @Test
    void flushMakesEventsReadableWhileTheWriterIsOpen() throws IOException {
        List<TraceEvent> events = SampleEvents.syscallHeavy(300, 2);
        Path file = tmp.resolve("events");
        try (TraceWriter writer = TraceWriter.create(file)) {
            events.subList(0, 100).forEach(e -> append(writer, e));
            writer.flush();
            events.subList(100, 150).forEach(e -> append(writer, e));
            assertPrefixThenCutShort(file, events.subList(0, 100));
            writer.flush();
            assertPrefixThenCutShort(file, events.subList(0, 150));
        }
        assertEquals(events.subList(0, 150), Traces.readAll(file));
    }

    private static void assertPrefixThenCutShort(Path file, List<TraceEvent> prefix) throws IOException {
        List<TraceEvent> read = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(file)) {
            TraceFormatException e = assertThrows(TraceFormatException.class, () -> Traces.readInto(reader, read));
            assertEquals(prefix.size(), e.eventIndex());
            assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        }
        assertEquals(prefix, read);
    }

    @Test
    void eventsCopyTheArraysTheyAreGivenAndHandOut() {
        byte[] bytes = {1, 2, 3};
        MemoryWrite write = new MemoryWrite(0x1000, bytes);
        bytes[0] = 9;
        write.bytes()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, write.bytes());
        long[] args = {1, 2, 3, 4, 5, 6};
        SyscallEvent syscall = new SyscallEvent(1, 0, args, 0, SyscallMode.EXECUTED, List.of());
        args[0] = 9;
        syscall.args()[1] = 9;
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, syscall.args());
    }

    @Test
    void eventsRefuseValuesTheFormatCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> new SyscallEvent(1, 0, new long[5], 0, SyscallMode.EXECUTED, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ExitEvent(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SignalEvent(1, 11, new byte[127], SignalOutcome.FATAL, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PreemptionEvent(1, new long[26], 0));
    }

    @Test
    void aWriterNeverOverwritesAFile() throws IOException {
        Path file = tmp.resolve("events");
        Files.writeString(file, "precious");
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> TraceWriter.create(file));
        assertEquals("precious", Files.readString(file));
    }

    /**
     * The figure TRACE-FORMAT.md quotes: a stream of small syscalls costs a few bytes an event once
     * framed and compressed.
     */
    @Test
    void aSyscallHeavyStreamTakesFewBytesPerEvent() throws IOException {
        int count = 100_000;
        Path file = tmp.resolve("events");
        Traces.write(file, SampleEvents.syscallHeavy(count, 3), TraceWriter.DEFAULT_CHUNK_BYTES);
        double perEvent = (double) Files.size(file) / count;
        assertTrue(perEvent < 12, perEvent + " bytes per event");
    }

    private static void append(TraceWriter writer, TraceEvent e) {
        try {
            writer.append(e);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
