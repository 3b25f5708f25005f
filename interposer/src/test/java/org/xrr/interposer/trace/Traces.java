package org.xrr.interposer.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writing events files and reading them back whole, for tests. */
final class Traces {
    private Traces() {
    }

    static void write(Path file, List<TraceEvent> events, int chunkBytes) throws IOException {
        try (TraceWriter writer = TraceWriter.create(file, chunkBytes)) {
            for (TraceEvent e : events) {
                writer.append(e);
            }
        }
    }

    /** Every event of a trace that must be intact. */
    static List<TraceEvent> readAll(Path file) throws IOException {
        try (TraceReader reader = TraceReader.open(file)) {
            return readInto(reader, new ArrayList<>());
        }
    }

    /** Reads into {@code events} until the end, or until the exception, which it passes on. */
    static List<TraceEvent> readInto(TraceReader reader, List<TraceEvent> events) throws IOException {
        for (TraceEvent e = reader.next(); e != null; e = reader.next()) {
            events.add(e);
        }
        return events;
    }
}
