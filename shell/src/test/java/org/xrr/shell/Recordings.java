package org.xrr.shell;

import org.xrr.interposer.syscall.SyscallTable;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceReader;
import org.xrr.interposer.trace.TraceWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Traces for tests: recorded in-process with {@code xrr record}, and altered to make a replay diverge. */
public final class Recordings {
    private static final int OPENAT = SyscallTable.require("openat");

    private Recordings() {
    }

    /** Records {@code command} (with {@code options} before it) into a new directory under {@code dir}. */
    public static Path record(Path dir, List<String> options, String... command) {
        Path trace = dir.resolve("trace-" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("record", "-o", trace.toString()));
        args.addAll(options);
        args.add("--");
        args.addAll(List.of(command));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        return trace;
    }

    public static Path record(Path dir, String... command) {
        return record(dir, List.of(), command);
    }

    /** Rewrites the trace with the path argument of its first openat moved by one byte; returns that event's index. */
    public static long rewriteFirstOpenat(Path trace) throws Exception {
        Path events = trace.resolve(TraceDirectory.EVENTS);
        Path rewritten = trace.resolve("events.new");
        long changed = -1;
        try (TraceReader in = TraceReader.open(events); TraceWriter out = TraceWriter.create(rewritten)) {
            for (long index = in.nextIndex(); ; index = in.nextIndex()) {
                TraceEvent e = in.next();
                if (e == null) {
                    break;
                }
                if (changed < 0 && e instanceof SyscallEvent s && s.number() == OPENAT) {
                    long[] args = s.args();
                    args[1]++;
                    e = new SyscallEvent(s.tid(), s.number(), args, s.result(), s.mode(), s.memory());
                    changed = index;
                }
                out.append(e);
            }
        }
        Files.move(rewritten, events, StandardCopyOption.REPLACE_EXISTING);
        return changed;
    }
}
