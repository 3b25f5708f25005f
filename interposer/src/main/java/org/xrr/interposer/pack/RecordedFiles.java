package org.xrr.interposer.pack;

import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.FileIdentity;
import org.xrr.interposer.trace.MappedFileEvent;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceReader;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files a recording used, as its events name them: the executable of every exec and every
 * file mapped. The dynamic loader is not among them: the kernel maps it at exec, unseen.
 *
 * @param files       each path once, with its identity when first used, in order of use
 * @param executables the paths among them that were executed
 * @param firstTask the recording's first task, which the first event names; -1 for a trace without events
 */
public record RecordedFiles(List<FileIdentity> files, Set<String> executables, int firstTask) {
    public RecordedFiles {
        files = List.copyOf(files);
        executables = Set.copyOf(executables);
    }

    /** Reads every event of the trace; a damaged trace is a {@link org.xrr.interposer.trace.TraceException}. */
    public static RecordedFiles of(TraceDirectory trace) throws IOException {
        Map<String, FileIdentity> used = new LinkedHashMap<>();
        Set<String> executables = new HashSet<>();
        int first = -1;
        try (TraceReader reader = trace.openEvents()) {
            for (TraceEvent e = reader.next(); e != null; e = reader.next()) {
                if (first < 0) {
                    first = e.tid();
                }
                if (e instanceof ExecEvent x) {
                    used.putIfAbsent(x.executable().path(), x.executable());
                    executables.add(x.executable().path());
                } else if (e instanceof MappedFileEvent m) {
                    used.putIfAbsent(m.file().path(), m.file());
                }
            }
        }
        return new RecordedFiles(List.copyOf(used.values()), executables, first);
    }

    /** The bytes of all the files together. */
    public long totalBytes() {
        return files.stream().mapToLong(FileIdentity::size).sum();
    }
}
