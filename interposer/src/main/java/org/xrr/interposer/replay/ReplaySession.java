package org.xrr.interposer.replay;

import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.FileIdentity;
import org.xrr.interposer.trace.MappedFileEvent;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceHeader;
import org.xrr.interposer.trace.TraceReader;
import org.xrr.interposer.tracer.Launch;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.interposer.tracer.SessionHooks;
import org.xrr.interposer.tracer.Tracer;
import org.xrr.disasm.sites.CachedSiteScanner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One replay of a trace: the file check, then the traced run with a {@link Replayer} matching every event. */
public final class ReplaySession {
    private ReplaySession() {
    }

    /**
     * Replays the trace in {@code dir}. Throws {@link Divergence} at the first difference, and
     * {@link ReplayRefusedException} before running anything if a file the recording mapped has
     * changed since or its working directory is gone.
     */
    /**
     * @param files  hashes the files the recording mapped, to check them
     * @param stdout where the program's terminal output is shown again, with {@code stderr}; null for neither
     */
    public static RunResult replay(TraceDirectory trace, CachedSiteScanner scanner, FileIdentities files, OutputStream stdout,
                                   OutputStream stderr) throws IOException {
        return replay(trace, scanner, files, stdout, stderr, null);
    }

    /** As {@link #replay(TraceDirectory, CachedSiteScanner, FileIdentities, OutputStream, OutputStream)}, telling {@code listener} (if not null) of every event. */
    public static RunResult replay(TraceDirectory trace, CachedSiteScanner scanner, FileIdentities files, OutputStream stdout,
                                   OutputStream stderr, ReplayListener listener) throws IOException {
        TraceHeader header = trace.header();
        int recordedMain = checkFiles(trace, files);
        if (!Files.isDirectory(Path.of(header.workingDirectory()))) {
            throw new ReplayRefusedException("cannot replay: the recording's working directory " + header.workingDirectory()
                    + " does not exist here");
        }
        CpuModel model = CpuModel.restore(header.presentedCpu().table(), header.presentedCpu().xcr0());
        boolean narrowed = model.xcr0() != header.hostCpu().xcr0();
        Tracer.Config config = new Tracer.Config(model, narrowed, true, scanner);
        try (TraceReader reader = trace.openEvents()) {
            EventQueue events = new EventQueue(reader, listener != null);
            Replayer replayer = new Replayer(events, new Ptrace(), recordedMain, header.workingDirectory(),
                    new DivergenceReport(),
                    stdout == null ? null : new ConsoleEcho(stdout, stderr));
            try {
                SessionHooks hooks = listener == null ? replayer : new ListenedHooks(replayer, events, listener);
                RunResult result = new Tracer(config, hooks).run(new Launch(header.executable(), header.argv(), header.environment()));
                replayer.finish();
                return result;
            } catch (Divergence d) {
                replayer.flushOutput();
                throw d;
            }
        }
    }

    /**
     * Every file the recording executed or mapped must be the same now: replay maps them again.
     * Returns the recording's first task, which the first exec names.
     */
    private static int checkFiles(TraceDirectory trace, FileIdentities now) throws IOException {
        Map<String, FileIdentity> used = new LinkedHashMap<>();
        int first = -1;
        try (TraceReader reader = trace.openEvents()) {
            for (TraceEvent e = reader.next(); e != null; e = reader.next()) {
                if (first < 0) {
                    first = e.tid();
                }
                if (e instanceof ExecEvent x) {
                    used.putIfAbsent(x.executable().path(), x.executable());
                } else if (e instanceof MappedFileEvent m) {
                    used.putIfAbsent(m.file().path(), m.file());
                }
            }
        }
        List<String> changed = new ArrayList<>();
        for (FileIdentity then : used.values()) {
            try {
                FileIdentity current = now.of(Path.of(then.path()));
                if (!Arrays.equals(current.sha256(), then.sha256())) {
                    changed.add(then.path() + " (content differs: " + current.size() + " bytes now, " + then.size() + " then)");
                }
            } catch (NoSuchFileException e) {
                changed.add(then.path() + " (missing)");
            }
        }
        if (!changed.isEmpty()) {
            throw new ReplayRefusedException("cannot replay: " + changed.size() + " file(s) the recording mapped changed since: "
                    + String.join("; ", changed));
        }
        if (first < 0) {
            throw new IOException(trace.eventsFile() + ": the trace has no events");
        }
        return first;
    }
}
