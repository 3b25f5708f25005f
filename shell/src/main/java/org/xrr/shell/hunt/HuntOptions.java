package org.xrr.shell.hunt;

import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.tracer.Launch;
import org.xrr.shell.Scratch;
import org.xrr.shell.UserError;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What every hunt mode shares: how many cells run at once, where the report goes, or the jobs instead. */
public final class HuntOptions {
    /** The body of a hunt run here, with its jobs run side by side. */
    @FunctionalInterface
    interface Local {
        int run(LocalJobs jobs) throws Exception;
    }

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Cells run side by side (default: the number of cores).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Mixin
    ReportOptions report;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Keep every cell's trace and output under DIR, which must not exist (default: a temporary directory, deleted).")
    Path keep;

    @Option(names = "--emit-jobs", paramLabel = "DIR",
            description = "Run nothing: write every cell as a job file into DIR (new or empty), for 'xrr hunt run-job' on any "
                    + "batch scheduler and 'xrr hunt merge DIR' afterwards.")
    Path emitJobs;

    /** The environment the hunt's program gets: xrr's own, sorted, so that every cell's stack starts the same. */
    static List<String> environment() {
        return Launch.xrrEnvironment().stream().sorted().toList();
    }

    /** With --emit-jobs, writes the jobs and says so; returns whether it did. */
    boolean emitJobs(List<HuntJob> planned, PrintWriter err) throws IOException {
        if (emitJobs == null) {
            return false;
        }
        Files.createDirectories(emitJobs);
        try (var entries = Files.list(emitJobs)) {
            if (entries.findAny().isPresent()) {
                throw new UserError(emitJobs + " is not empty; --emit-jobs needs a new or empty directory");
            }
        }
        for (HuntJob job : planned) {
            job.write(HuntJob.file(emitJobs, job.index()));
        }
        err.println("xrr: wrote " + planned.size() + " jobs to " + emitJobs + "; run each with 'xrr hunt run-job FILE' "
                + "(in the directory the job names), then 'xrr hunt merge " + emitJobs + "'");
        err.flush();
        return true;
    }

    /** Runs a hunt here: a work directory, a pool of {@code -j} cells, a progress bar on a terminal. */
    int locally(String task, SiteCache cache, PrintWriter err, Local body) throws Exception {
        if (jobs < 1) {
            throw new UserError("--jobs must be at least 1, not " + jobs);
        }
        Path work = workDir();
        try (CellPool pool = new CellPool(jobs, task, System.console() != null)) {
            return body.run(new LocalJobs(new JobRunner(cache), pool, work));
        } finally {
            if (keep == null) {
                Scratch.delete(work);
            } else {
                err.println("xrr: every cell's trace and output are under " + keep);
                err.flush();
            }
        }
    }

    private Path workDir() throws IOException {
        if (keep != null) {
            if (Files.exists(keep)) {
                throw new UserError(keep + " already exists; --keep needs a new directory");
            }
            return Files.createDirectories(keep);
        }
        return Files.createTempDirectory("xrr-hunt-");
    }

    void print(HuntReport hunt, PrintWriter out, PrintWriter err) throws IOException {
        report.print(hunt, out, err);
    }
}
