package org.xrr.shell.bench;

import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.tracer.Launch;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.interposer.tracer.Tracer;
import org.xrr.shell.UserError;
import org.xrr.shell.XdgDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code xrr bench run}: the tracee's wall time under {@code xrr run --mask avx512f} against the
 * same program run natively, interleaved run by run so that machine noise hits both alike; and
 * xrr's own start-up, measured apart.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Tracee wall time under xrr run --mask avx512f against native on about a second of python3 work, "
                + "and xrr's own start-up, with the ratios.")
public final class RunBenchmark implements Callable<Integer> {
    private static final double GOAL = 1.05;
    /** About a second of python3 here: imports (new mappings to scan), JSON, hashing, a hot loop. */
    private static final String WORKLOAD = String.join("\n",
            "import json, re, hashlib, threading",
            "data = [{'k': i, 'v': str(i) * 3} for i in range(60000)]",
            "s = json.dumps(data); json.loads(s)",
            "h = hashlib.sha256(s.encode()).hexdigest()",
            "t = threading.Thread(target=lambda: sum(range(1_000_000))); t.start(); t.join()",
            "n = sum(i * i for i in range(7_000_000))",
            "print(len(s), h[:8], n % 97, len(re.findall(r'\\d+', s[:200000])))");

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Runs of each; medians are shown (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3", description = "The python3 to run (default: ${DEFAULT-VALUE}).")
    Path python;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new UserError("--runs must be at least 1");
        }
        if (!Files.isExecutable(python)) {
            throw new UserError(python + ": no such program (choose another with --python)");
        }
        PrintWriter out = spec.commandLine().getOut();
        // sh execs python with its output discarded, natively and traced alike.
        List<String> argv = List.of("sh", "-c", "exec \"$0\" -c \"$1\" > /dev/null", python.toString(), WORKLOAD);

        double[] setup = new double[runs];
        CpuModel model = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            CpuidTable host = HostCpu.table();
            model = new CpuModelBuilder(host, HostCpu.xcr0()).mask("avx512f").build();
            setup[i] = (System.nanoTime() - t0) / 1e6;
        }
        boolean narrowed = model.xcr0() != HostCpu.xcr0();
        double[] nativeMs = new double[runs];
        double[] tracedMs = new double[runs];
        long traps = 0;
        try (CachedSiteScanner scanner = new CachedSiteScanner(new SiteCache(XdgDirectories.siteCache()))) {
            Tracer.Config config = new Tracer.Config(model, narrowed, true, scanner);
            Stopwatch.processMillis(argv);
            new Tracer(config).run(Launch.inheritingEnvironment("/bin/sh", argv));
            for (int i = 0; i < runs; i++) {
                nativeMs[i] = Stopwatch.processMillis(argv);
                RunResult r = new Tracer(config).run(Launch.inheritingEnvironment("/bin/sh", argv));
                if (r.exitCode() != 0) {
                    throw new UserError("the workload failed under xrr with status " + r.exitCode());
                }
                tracedMs[i] = r.stats().wallNanos() / 1e6;
                traps = r.stats().stops();
            }
        }
        double n = Stopwatch.median(nativeMs);
        double t = Stopwatch.median(tracedMs);
        out.printf("tracee wall time, python3 workload, median of %d interleaved runs, %d cores%n%n", runs,
                Runtime.getRuntime().availableProcessors());
        out.printf("  native                        %8.1f ms%n", n);
        out.printf("  xrr run --mask avx512f        %8.1f ms   (%d ptrace stops per run)%n", t, traps);
        out.printf("  ratio                         %8.3fx%n%n", t / n);
        out.printf("xrr start-up, apart from the tracee%n");
        out.printf("  read host CPUID, build model  %8.1f ms%n", Stopwatch.median(setup));
        wholeCommand(out);
        out.printf("%ngoal: tracee wall time at most %.2fx native: %s (%.3fx)%n", GOAL, t / n <= GOAL ? "met" : "NOT met", t / n);
        out.flush();
        return 0;
    }

    /** The whole `xrr run --mask avx512f /bin/true` command (a JVM start included) against /bin/true, when xrr runs from its jar. */
    private void wholeCommand(PrintWriter out) throws Exception {
        Path jar = Path.of(RunBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!jar.toString().endsWith(".jar")) {
            out.println("  whole command                 (not measured: xrr is not running from its jar)");
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> xrr = List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djna.library.path=" + System.getProperty("jna.library.path", ""),
                "-jar", jar.toString(), "run", "--mask", "avx512f", "/bin/true");
        double[] whole = new double[runs];
        double[] bare = new double[runs];
        for (int i = 0; i < runs; i++) {
            whole[i] = Stopwatch.processMillis(xrr);
            bare[i] = Stopwatch.processMillis(List.of("/bin/true"));
        }
        out.printf("  xrr run --mask avx512f true   %8.1f ms   (/bin/true alone: %.1f ms)%n", Stopwatch.median(whole), Stopwatch.median(bare));
    }
}
