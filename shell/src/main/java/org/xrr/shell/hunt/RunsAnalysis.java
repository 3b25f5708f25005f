package org.xrr.shell.hunt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The report of a run comparison: every run against the first, and where they first part and why. */
final class RunsAnalysis {
    static final String HUNT = "runs";

    private final HuntReport report;
    private final boolean differ;

    private RunsAnalysis(HuntReport report, boolean differ) {
        this.report = report;
        this.differ = differ;
    }

    /** The jobs of {@code xrr hunt runs}: the same recording, N times. */
    static List<HuntJob> plan(String title, int runs, String program, List<String> argv, List<String> environment, String directory) {
        List<HuntJob> jobs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            jobs.add(HuntJob.record(HUNT, title, i, "run 1", "run " + (i + 1), program, argv, environment, directory, List.of()));
        }
        return jobs;
    }

    static RunsAnalysis of(List<HuntJob> jobs, List<Path> results) throws Exception {
        List<Behaviour> runs = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            runs.add(JobRunner.behaviour(jobs.get(i), results.get(i), true));
        }
        HuntReport report = new HuntReport(jobs.get(0).title(), HUNT);
        List<Difference> found = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            Optional<Difference> d = Difference.between(runs.get(0), runs.get(i));
            d.ifPresent(found::add);
            String column = jobs.get(i).column();
            report.add(d.map(x -> new HuntReport.Cell("run 1", column, CellStatus.DIFFERS, x.what() + " (" + x.source().label() + ")",
                    x.summary())).orElseGet(() -> new HuntReport.Cell("run 1", column, CellStatus.SAME, "",
                    "the same output, exit status and events")));
        }
        Optional<Difference> first = found.stream().filter(d -> d.index() >= 0).min(Comparator.comparingLong(Difference::index))
                .or(() -> found.stream().findFirst());
        report.finding(first.map(d -> "the runs stop agreeing at " + d.what() + ", from " + d.source().label()
                        + (d.candidates().size() > 1 ? " (sources that differed before it: "
                        + String.join(", ", d.candidates().stream().map(Source::label).toList()) + ")" : "") + ": " + d.left()
                        + "  vs  " + d.right())
                .orElse("all " + runs.size() + " runs agree: output, exit status and every event"));
        return new RunsAnalysis(report, !found.isEmpty());
    }

    HuntReport report() {
        return report;
    }

    /** 0 when every run agrees, 1 when they differ. */
    int status() {
        return differ ? 1 : 0;
    }
}
