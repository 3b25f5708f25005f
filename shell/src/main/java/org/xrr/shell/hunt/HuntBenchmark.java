package org.xrr.shell.hunt;

import org.xrr.interposer.cpu.HostCpu;
import org.xrr.shell.Scratch;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.run.Traced;
import org.xrr.shell.run.TracedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code xrr bench hunt}: how many portability-matrix cells a hunt runs per minute here, one at
 * a time and side by side on every core, in one run.
 */
@Command(name = "hunt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Matrix cells per minute: a recording replayed as N hosts, one cell at a time and then -j cells side "
                + "by side, with the speed-up.")
public final class HuntBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cells", paramLabel = "N", defaultValue = "8", description = "Cells per matrix (default: ${DEFAULT-VALUE}).")
    int cells;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Cells side by side in the second matrix (default: the cores).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--program", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "The program recorded, run with -c pass (default: ${DEFAULT-VALUE}).")
    Path program;

    @Override
    public Integer call() throws Exception {
        if (cells < 1 || jobs < 1) {
            throw new UserError("--cells and --jobs must be at least 1");
        }
        if (!Files.isExecutable(program)) {
            throw new UserError(program + ": not an executable program");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("xrr-bench-hunt");
        try {
            Path recorded = scratch.resolve("recorded");
            record(recorded);
            Path trace = JobRunner.trace(recorded);
            // Every cell is this machine under its own name, so that every cell replays: the costly kind.
            List<Path> hosts = new ArrayList<>();
            for (int i = 0; i < cells; i++) {
                Path host = scratch.resolve(String.format("host-%02d.json", i));
                Files.writeString(host, HostCpu.profile().toJson());
                hosts.add(host);
            }
            List<HuntJob> planned = MatrixAnalysis.plan("bench", trace, hosts, List.of());
            out.printf("a matrix of %d cells, each a replay of %s -c pass as this machine; %d cores%n%n", cells, program,
                    Runtime.getRuntime().availableProcessors());
            out.printf("%-12s %10s %14s %9s%n", "cells at once", "wall", "cells/minute", "speed-up");
            // One cell first, unmeasured, so that neither pass gets the caches and compiled code the other warmed.
            measure(planned.subList(0, 1), 1, scratch.resolve("warm-up"));
            double one = measure(planned, 1, scratch.resolve("one"));
            out.printf("%-12d %8.1f s %14.1f %9s%n", 1, one / 1000, cells * 60_000 / one, "1.00x");
            double many = measure(planned, jobs, scratch.resolve("many"));
            out.printf("%-12d %8.1f s %14.1f %8.2fx%n", jobs, many / 1000, cells * 60_000 / many, one / many);
            out.flush();
            return 0;
        } finally {
            Scratch.delete(scratch);
        }
    }

    /** Records the program as a hunt's record job does, into {@code trace}. */
    private void record(Path result) throws Exception {
        HuntJob job = HuntJob.record("bench", "bench", 0, "bench", "bench", program.toString(),
                List.of(program.toString(), "-c", "pass"), HuntOptions.environment(), System.getProperty("user.dir"), List.of());
        Traced.run(program.toString(), () -> {
            new JobRunner(TracedProgram.defaultSiteCache()).run(job, result);
            return null;
        });
        if (JobRunner.behaviour(job, result, true).status() != 0) {
            throw new UserError(program + " -c pass failed while recording");
        }
    }

    private static double measure(List<HuntJob> planned, int jobs, Path work) throws Exception {
        Files.createDirectories(work);
        try (CellPool pool = new CellPool(jobs, "bench", false)) {
            long start = System.nanoTime();
            MatrixAnalysis analysis = MatrixAnalysis.of(planned, new LocalJobs(new JobRunner(TracedProgram.defaultSiteCache()), pool,
                    work).run(planned));
            double millis = (System.nanoTime() - start) / 1e6;
            if (analysis.status() != 0) {
                throw new UserError("a cell of the benchmark did not replay: " + analysis.report().findings());
            }
            return millis;
        }
    }
}
