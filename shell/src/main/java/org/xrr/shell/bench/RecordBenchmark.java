package org.xrr.shell.bench;

import org.xrr.shell.Scratch;
import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.record.RecordSession;
import org.xrr.interposer.replay.ReplaySession;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceReader;
import org.xrr.interposer.tracer.Launch;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.interposer.tracer.Tracer;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.XdgDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code xrr bench record}: wall time of recording and of replaying three workloads against the
 * same workloads run natively and under {@code strace -f}, the plain-ptrace reference, all
 * interleaved run by run so that machine noise hits each alike; and the trace's bytes per event.
 */
@Command(name = "record", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Record and replay time against native and strace -f on a syscall-heavy, a start-up and a CPU-bound "
                + "workload, with the ratios and the trace size per event.")
public final class RecordBenchmark implements Callable<Integer> {
    private static final double CPU_GOAL = 1.10;
    /**
     * Two runs of the same CPU-bound program differ by a few percent on these machines, and a
     * replay of it is that same program: closer than this, replay and record are not told apart.
     */
    private static final double NOISE = 0.03;

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs of each; medians are shown (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3", description = "The python3 to run (default: ${DEFAULT-VALUE}).")
    Path python;

    @Option(names = "--loop", paramLabel = "PATH", description = "The CPU-bound C loop (default: native/target/bin/cpuloop of this xrr).")
    Path loop;

    @Option(names = "--find", paramLabel = "DIR", defaultValue = "/usr/lib", description = "The tree find walks (default: ${DEFAULT-VALUE}).")
    Path findRoot;

    private record Workload(String name, String command) {
    }

    /**
     * @param straceMs    under {@code strace -f} as users run it
     * @param straceOneMs under {@code strace -f} bound to one CPU, as xrr binds its sessions: the
     *                    reference without the cost of waking the other CPU at every stop
     */
    private record Times(double nativeMs, double straceMs, double straceOneMs, double recordMs, double replayMs, long events,
                         long bytes) {
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new UserError("--runs must be at least 1");
        }
        Path cpuLoop = loop != null ? loop : ShippedScripts.nativeProgram("cpuloop");
        for (Path p : List.of(python, cpuLoop)) {
            if (!Files.isExecutable(p)) {
                throw new UserError(p + ": no such program");
            }
        }
        List<Workload> workloads = List.of(
                new Workload("find " + findRoot + " -type f", "find " + findRoot + " -type f"),
                new Workload("python3 start-up with imports", python + " -c 'import json, re, decimal, sqlite3, email.parser, http.client'"),
                new Workload("CPU-bound C loop", cpuLoop.toString()));
        boolean strace = Files.isExecutable(Path.of("/usr/bin/strace")) && Files.isExecutable(Path.of("/usr/bin/taskset"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wall time of the workload, median of %d interleaved runs, %d cores; output to /dev/null%n%n", runs,
                Runtime.getRuntime().availableProcessors());
        out.printf("%-34s %10s %10s %10s %10s %10s %9s %9s %9s %9s %12s%n", "workload", "native", "strace -f", "strace 1cpu",
                "record", "replay", "rec/nat", "rec/str", "rec/str1", "rep/rec", "bytes/event");
        CpuModel model = new CpuModelBuilder(HostCpu.table(), HostCpu.xcr0()).mask("rdrand", "rdseed").build();
        List<Times> all = new ArrayList<>();
        Path scratch = Files.createTempDirectory("xrr-bench-record");
        try (CachedSiteScanner scanner = new CachedSiteScanner(new SiteCache(XdgDirectories.siteCache()))) {
            Tracer.Config config = new Tracer.Config(model, model.xcr0() != HostCpu.xcr0(), true, scanner);
            for (Workload w : workloads) {
                Times t = measure(w, config, scanner, scratch, strace);
                all.add(t);
                out.printf("%-34s %7.0f ms %10s %10s %7.0f ms %7.0f ms %8.2fx %9s %9s %8.2fx %12.1f%n", w.name, t.nativeMs,
                        strace ? String.format("%.0f ms", t.straceMs) : "n/a", strace ? String.format("%.0f ms", t.straceOneMs) : "n/a",
                        t.recordMs, t.replayMs, t.recordMs / t.nativeMs,
                        strace ? String.format("%.2fx", t.recordMs / t.straceMs) : "n/a",
                        strace ? String.format("%.2fx", t.recordMs / t.straceOneMs) : "n/a", t.replayMs / t.recordMs,
                        (double) t.bytes / t.events);
                out.flush();
            }
        } finally {
            Scratch.delete(scratch);
        }
        out.println();
        if (strace) {
            Times find = all.get(0);
            out.printf("goal: recording no slower than strace on the syscall-heavy workload: %s (%.2fx; %.2fx strace bound "
                            + "to one CPU, as xrr binds itself)%n", find.recordMs <= find.straceMs ? "met" : "NOT met",
                    find.recordMs / find.straceMs, find.recordMs / find.straceOneMs);
        } else {
            out.println("goal: recording no slower than strace: not measured, strace or taskset is not installed");
        }
        Times cpu = all.get(2);
        out.printf("goal: at most %.2fx native on the CPU-bound loop: %s (%.2fx)%n", CPU_GOAL,
                cpu.recordMs / cpu.nativeMs <= CPU_GOAL ? "met" : "NOT met", cpu.recordMs / cpu.nativeMs);
        long slower = all.stream().filter(t -> t.replayMs > t.recordMs * (1 + NOISE)).count();
        out.printf("goal: replay no slower than record (by more than %.0f%%, the spread of repeated runs here): %s%n",
                100 * NOISE, slower == 0 ? "met on every workload" : "NOT met on " + slower + " of " + all.size() + " workloads");
        out.flush();
        return 0;
    }

    private Times measure(Workload w, Tracer.Config config, CachedSiteScanner scanner, Path scratch, boolean strace)
            throws Exception {
        List<String> sh = List.of("/bin/sh", "-c", "exec " + w.command + " > /dev/null");
        List<String> straced = new ArrayList<>(List.of("/usr/bin/strace", "-f", "-o", "/dev/null"));
        straced.addAll(sh);
        List<String> stracedOnOneCpu = new ArrayList<>(List.of("/usr/bin/taskset", "-c", "0"));
        stracedOnOneCpu.addAll(straced);
        FileIdentities files = new FileIdentities(XdgDirectories.fileHashes());
        double[] nat = new double[runs];
        double[] str = new double[runs];
        double[] strOne = new double[runs];
        double[] rec = new double[runs];
        double[] rep = new double[runs];
        long events = 0;
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            nat[i] = Stopwatch.processMillis(sh);
            if (strace) {
                str[i] = Stopwatch.processMillis(straced);
                strOne[i] = Stopwatch.processMillis(stracedOnOneCpu);
            }
            Path dir = scratch.resolve(w.name.replaceAll("[^A-Za-z0-9]+", "-") + "-" + i);
            long t0 = System.nanoTime();
            RunResult r = RecordSession.record(dir, Launch.inheritingEnvironment("/bin/sh", sh), config, List.of(),
                    VersionProvider.version(), files);
            rec[i] = (System.nanoTime() - t0) / 1e6;
            if (r.exitCode() != 0) {
                throw new UserError(w.name + " failed while recording, with status " + r.exitCode());
            }
            TraceDirectory trace = TraceDirectory.open(dir);
            t0 = System.nanoTime();
            ReplaySession.replay(trace, scanner, files, null, null);
            rep[i] = (System.nanoTime() - t0) / 1e6;
            events = countEvents(trace);
            bytes = Files.size(trace.eventsFile());
            Scratch.delete(dir);
        }
        return new Times(Stopwatch.median(nat), strace ? Stopwatch.median(str) : 0, strace ? Stopwatch.median(strOne) : 0,
                Stopwatch.median(rec),
                Stopwatch.median(rep), events, bytes);
    }

    static long countEvents(TraceDirectory trace) throws IOException {
        try (TraceReader reader = trace.openEvents()) {
            long n = 0;
            while (reader.next() != null) {
                n++;
            }
            return n;
        }
    }
}
