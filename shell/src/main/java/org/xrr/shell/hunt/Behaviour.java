package org.xrr.shell.hunt;

import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one recorded run of a program did, in the terms two runs are compared in: its output,
 * its exit status and its normalized events.
 *
 * @param stdout what it wrote to standard output
 * @param stderr what it wrote to standard error
 * @param status its exit status (128 + N for death by signal N)
 * @param events its events, normalized
 */
record Behaviour(String stdout, String stderr, int status, List<NormalizedEvent> events) {
    /** Reads a recorded run back: its trace and the files its output went to. */
    static Behaviour read(Path trace, Path stdout, Path stderr, int status, boolean cpuAnswers) throws IOException {
        EventNormalizer normalizer = new EventNormalizer(cpuAnswers);
        List<NormalizedEvent> events = new ArrayList<>();
        try (TraceReader reader = TraceDirectory.open(trace).openEvents()) {
            for (TraceEvent e = reader.next(); e != null; e = reader.next()) {
                NormalizedEvent n = normalizer.normalize(e);
                if (n != null) {
                    events.add(n);
                }
            }
        }
        return new Behaviour(text(stdout), text(stderr), status, List.copyOf(events));
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
