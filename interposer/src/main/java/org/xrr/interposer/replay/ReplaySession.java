package org.xrr.interposer.replay;

import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.pack.RecordedFiles;
import org.xrr.interposer.portability.Difference;
import org.xrr.interposer.portability.PortabilityCheck;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.TraceDirectory;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One replay of a trace: the file check, then the traced run with a {@link Replayer} matching every event. */
public final class ReplaySession {
    private ReplaySession() {
    }

    /** Replays the trace in {@code dir} on this machine: see the other {@code replay}. */
    public static RunResult replay(TraceDirectory trace, CachedSiteScanner scanner, FileIdentities files, OutputStream stdout,
                                   OutputStream stderr) throws IOException {
        return replay(trace, scanner, files, ReplayHost.thisMachine(), stdout, stderr, null);
    }

    /** As the other {@code replay}, on this machine, telling {@code listener} (if not null) of every event. */
    public static RunResult replay(TraceDirectory trace, CachedSiteScanner scanner, FileIdentities files, OutputStream stdout,
                                   OutputStream stderr, ReplayListener listener) throws IOException {
        return replay(trace, scanner, files, ReplayHost.thisMachine(), stdout, stderr, listener);
    }

    /** As the other {@code replay}, telling no listener. */
    public static RunResult replay(TraceDirectory trace, CachedSiteScanner scanner, FileIdentities files, ReplayHost host,
                                   OutputStream stdout, OutputStream stderr) throws IOException {
        return replay(trace, scanner, files, host, stdout, stderr, null);
    }

    /**
     * Replays the trace in {@code dir}. Throws {@link Divergence} at the first difference, and
     * {@link ReplayRefusedException} before running anything if {@code host} cannot present the
     * recorded CPU model (see {@link PortabilityCheck}), a file the recording mapped has changed
     * since and the trace holds no copy of it, or its working directory is gone.
     *
     * @param files    hashes the files the recording mapped, to check them
     * @param host     the machine to check the recording against; the replay itself runs here
     * @param stdout   where the program's terminal output is shown again, with {@code stderr}; null for neither
     * @param listener told of every matched event and of a divergence; null for none
     */
    public static RunResult replay(TraceDirectory trace, CachedSiteScanner scanner, FileIdentities files, ReplayHost host,
                                   OutputStream stdout, OutputStream stderr, ReplayListener listener) throws IOException {
        TraceHeader header = trace.header();
        List<Difference> differences = PortabilityCheck.differences(header.presentedCpu(), host.profile());
        if (!differences.isEmpty()) {
            throw new ReplayRefusedException(PortabilityCheck.refusal(differences, host.profileFile(), host.profileSource()));
        }
        RecordedFiles recorded = RecordedFiles.of(trace);
        if (recorded.firstTask() < 0) {
            throw new IOException(trace.eventsFile() + ": the trace has no events");
        }
        Map<String, String> substitutes = ReplayFiles.substitutes(trace, recorded, files);
        if (!Files.isDirectory(Path.of(header.workingDirectory()))) {
            throw new ReplayRefusedException("cannot replay: the recording's working directory " + header.workingDirectory()
                    + " does not exist here");
        }
        CpuModel model = CpuModel.restore(header.presentedCpu().table(), header.presentedCpu().xcr0());
        // XSAVE runs on this machine: it needs narrowing when this XCR0 exceeds the recorded one.
        boolean narrowed = model.xcr0() != HostCpu.xcr0();
        Tracer.Config config = new Tracer.Config(model, narrowed, true, scanner);
        try (TraceReader reader = trace.openEvents()) {
            EventQueue events = new EventQueue(reader, listener != null);
            Replayer replayer = new Replayer(events, new Ptrace(), recorded.firstTask(), header.workingDirectory(),
                    substitutes, new DivergenceReport(), stdout == null ? null : new ConsoleEcho(stdout, stderr));
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
}
