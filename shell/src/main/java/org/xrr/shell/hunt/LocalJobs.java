package org.xrr.shell.hunt;

import java.nio.file.Path;
import java.util.List;

/** Runs a hunt's jobs here, side by side in the pool, each with its result in the work directory. */
final class LocalJobs {
    private final JobRunner runner;
    private final CellPool pool;
    private final Path workDir;

    LocalJobs(JobRunner runner, CellPool pool, Path workDir) {
        this.runner = runner;
        this.pool = pool;
        this.workDir = workDir;
    }

    /** Runs the jobs; returns their result directories, in the same order. */
    List<Path> run(List<HuntJob> jobs) throws Exception {
        pool.expect(jobs.size());
        return pool.map(jobs, this::runHere);
    }

    /** Runs one job on the calling thread (a thread of the pool already); returns its result directory. */
    Path runHere(HuntJob job) throws Exception {
        Path result = HuntJob.resultDir(HuntJob.file(workDir, job.index()));
        runner.run(job, result);
        return result;
    }

    CellPool pool() {
        return pool;
    }
}
