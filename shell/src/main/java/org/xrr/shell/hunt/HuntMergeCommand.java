package org.xrr.shell.hunt;

import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code xrr hunt merge}: one report from the results of jobs run anywhere. */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Combine the results of the jobs in DIR (written by --emit-jobs and run by 'xrr hunt run-job') into "
                + "the hunt's report. Feature hunts report every feature hidden alone; the minimal set needs delta "
                + "debugging, which only 'xrr hunt features' runs.")
public final class HuntMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The directory of the jobs and their results.")
    Path dir;

    @Mixin
    ReportOptions options;

    @Override
    public Integer call() throws Exception {
        List<HuntJob> jobs = jobs();
        List<Path> results = jobs.stream().map(j -> HuntJob.resultDir(HuntJob.file(dir, j.index()))).toList();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        switch (jobs.get(0).hunt()) {
            case RunsAnalysis.HUNT -> {
                RunsAnalysis analysis = RunsAnalysis.of(jobs, results);
                options.print(analysis.report(), out, err);
                return analysis.status();
            }
            case MatrixAnalysis.HUNT -> {
                MatrixAnalysis analysis = MatrixAnalysis.of(jobs, results);
                options.print(analysis.report(), out, err);
                return analysis.status();
            }
            case FeaturesAnalysis.HUNT -> {
                FeaturesAnalysis analysis = FeaturesAnalysis.of(jobs, results);
                if (analysis.targetDiffers()) {
                    analysis.report().finding("for a minimal set of features, run the hunt with 'xrr hunt features' on one "
                            + "machine: delta debugging chooses each test from the last");
                }
                options.print(analysis.report(), out, err);
                return analysis.status();
            }
            default -> throw new UserError(dir + ": jobs of an unknown hunt '" + jobs.get(0).hunt() + "'");
        }
    }

    /** Every job in the directory, in order: all of one hunt, numbered 0 to N-1 without gaps. */
    private List<HuntJob> jobs() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + ": no such directory");
        }
        List<HuntJob> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("job-\\d+\\.json")).sorted().toList()) {
                try {
                    jobs.add(HuntJob.read(f));
                } catch (IOException e) {
                    throw new UserError(e.getMessage());
                }
            }
        }
        if (jobs.isEmpty()) {
            throw new UserError(dir + ": no job files (job-NNNN.json) here");
        }
        jobs.sort(Comparator.comparingInt(HuntJob::index));
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).index() != i || !jobs.get(i).sameHunt(jobs.get(0))) {
                throw new UserError(dir + ": the jobs are not one whole hunt (job " + i + " is missing or belongs to another)");
            }
        }
        return jobs;
    }
}
