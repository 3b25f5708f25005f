package org.xrr.shell.bench;

import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.debug.ReplayState;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.tracer.Launch;
import org.xrr.shell.Scratch;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.run.RecordCommand;
import org.xrr.shell.run.Traced;
import org.xrr.shell.run.TracedProgram;
import org.xrr.shell.run.UnattendedRecording;
import org.xrr.shell.session.DebugSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code xrr bench seek}: in the replay shell, a seek back to where the last one went (the
 * replay held there in the background is swapped in) against a seek that replays from the
 * start, side by side on one trace.
 */
@Command(name = "seek", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The replay shell's seek back to the event of the last backward seek (a standby replay held there) "
                + "against a seek from the start, on a python3 trace, with the ratio.")
public final class SeekBenchmark implements Callable<Integer> {
    private static final List<String> WORKLOAD = List.of("-c", "import email.mime.text, json, http.client, asyncio, decimal");

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Seeks of each kind; medians are shown (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3", description = "The python3 recorded (default: ${DEFAULT-VALUE}).")
    Path python;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new UserError("--runs must be at least 1");
        }
        if (!Files.isExecutable(python)) {
            throw new UserError(python + ": no such program (choose another with --python)");
        }
        Path scratch = Files.createTempDirectory("xrr-bench-seek");
        try {
            TraceDirectory trace = record(scratch.resolve("trace"));
            long events = RecordBenchmark.countEvents(trace);
            long target = events * 9 / 10;
            double[] fromStart = new double[runs];
            double[] back = new double[runs];
            try (DebugSession session = new DebugSession(trace, new PrintWriter(Writer.nullWriter()), false)) {
                for (int i = 0; i < runs; i++) {
                    session.restart();
                    fromStart[i] = seek(session, target);
                    session.awaitStandby();
                    seek(session, target + 1);
                    back[i] = seek(session, target);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("python3 %s: %d events; seeks to event %d, median of %d%n%n", String.join(" ", WORKLOAD), events, target, runs);
            double start = Stopwatch.median(fromStart);
            double standby = Stopwatch.median(back);
            out.printf("%-36s %10.1f ms%n", "seek from the start", start);
            out.printf("%-36s %10.1f ms%n", "seek back to it again (standby)", standby);
            out.printf("%-36s %10.1fx%n", "faster", start / standby);
            out.flush();
            return 0;
        } finally {
            Scratch.delete(scratch);
        }
    }

    private static double seek(DebugSession session, long index) {
        long start = System.nanoTime();
        ReplayState state = session.seek(index);
        if (state != ReplayState.PAUSED) {
            throw new UserError("the seek to event " + index + " ended " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private TraceDirectory record(Path dir) throws Exception {
        long xcr0 = HostCpu.xcr0();
        CpuModel model = RecordCommand.recordable(HostCpu.table(), xcr0).build();
        List<String> argv = new ArrayList<>(List.of(python.toString()));
        argv.addAll(WORKLOAD);
        Launch launch = Launch.inheritingEnvironment(python.toString(), argv).withInput(Path.of("/dev/null"))
                .withOutput(dir.resolveSibling("stdout"), dir.resolveSibling("stderr"));
        Traced.run(python.toString(), () -> UnattendedRecording.record(dir, launch, model, xcr0, TracedProgram.defaultSiteCache(),
                List.of()));
        return TraceDirectory.open(dir);
    }
}
