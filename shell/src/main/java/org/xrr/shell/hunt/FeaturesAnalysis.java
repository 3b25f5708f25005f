package org.xrr.shell.hunt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report of a feature hunt from its fixed jobs: two runs on this host's CPU (to see that the
 * program behaves the same twice), one on the target, and one per feature the target lacks,
 * hidden alone. The minimal set needs delta debugging on top, which only a local hunt runs.
 */
final class FeaturesAnalysis {
    static final String HUNT = "features";
    /** The jobs before the per-feature ones: this host twice, then the target. */
    static final int FIXED_JOBS = 3;

    private final HuntReport report;
    private final Map<String, Optional<Difference>> alone = new LinkedHashMap<>();
    private final Behaviour baseline;
    private final boolean noisy;
    private final boolean targetDiffers;

    private FeaturesAnalysis(HuntReport report, Behaviour baseline, boolean noisy, boolean targetDiffers) {
        this.report = report;
        this.baseline = baseline;
        this.noisy = noisy;
        this.targetDiffers = targetDiffers;
    }

    /** The jobs of {@code xrr hunt features}, the target's lacking features by name. */
    static List<HuntJob> plan(String title, String target, List<String> lacking, String program, List<String> argv,
                              List<String> environment, String directory) {
        List<HuntJob> jobs = new ArrayList<>();
        jobs.add(HuntJob.record(HUNT, title, 0, "this host", "run 1", program, argv, environment, directory, List.of()));
        jobs.add(HuntJob.record(HUNT, title, 1, "this host", "run 2", program, argv, environment, directory, List.of()));
        jobs.add(HuntJob.record(HUNT, title, 2, target, "all " + lacking.size() + " lacking", program, argv, environment, directory,
                lacking));
        for (String feature : lacking) {
            jobs.add(HuntJob.record(HUNT, title, jobs.size(), target, feature, program, argv, environment, directory,
                    List.of(feature)));
        }
        return jobs;
    }

    static FeaturesAnalysis of(List<HuntJob> jobs, List<Path> results) throws Exception {
        List<Behaviour> runs = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            runs.add(JobRunner.behaviour(jobs.get(i), results.get(i), false));
        }
        HuntReport report = new HuntReport(jobs.get(0).title(), HUNT);
        Optional<Difference> noise = Difference.between(runs.get(0), runs.get(1));
        if (noise.isPresent()) {
            report.add(cell(jobs.get(1), noise));
            report.finding("two runs on the same CPU already differ (" + noise.get().source().label() + "), so CPU features "
                    + "cannot be told apart from that; 'xrr hunt runs' finds where runs part");
            return new FeaturesAnalysis(report, runs.get(0), true, false);
        }
        Optional<Difference> overall = Difference.between(runs.get(0), runs.get(2));
        report.add(cell(jobs.get(2), overall));
        if (overall.isEmpty()) {
            report.finding("the program behaves the same with every feature the target lacks hidden");
            return new FeaturesAnalysis(report, runs.get(0), false, false);
        }
        FeaturesAnalysis analysis = new FeaturesAnalysis(report, runs.get(0), false, true);
        for (int i = FIXED_JOBS; i < jobs.size(); i++) {
            Optional<Difference> d = Difference.between(runs.get(0), runs.get(i));
            report.add(cell(jobs.get(i), d));
            analysis.alone.put(jobs.get(i).column(), d);
        }
        List<String> changing = analysis.alone.entrySet().stream().filter(e -> e.getValue().isPresent()).map(Map.Entry::getKey).toList();
        report.finding(changing.isEmpty() ? "no feature changes the behaviour when hidden alone"
                : "each of these changes the behaviour when hidden alone: " + String.join(", ", changing));
        return analysis;
    }

    private static HuntReport.Cell cell(HuntJob job, Optional<Difference> d) {
        return d.map(x -> new HuntReport.Cell(job.row(), job.column(), CellStatus.DIFFERS, x.what(), x.contrast()))
                .orElseGet(() -> new HuntReport.Cell(job.row(), job.column(), CellStatus.SAME, "", "the same behaviour"));
    }

    HuntReport report() {
        return report;
    }

    Behaviour baseline() {
        return baseline;
    }

    /** How hiding each lacking feature alone changed the behaviour, if it did. */
    Map<String, Optional<Difference>> alone() {
        return alone;
    }

    /** Whether the target behaves differently (and the program the same twice on this host): worth narrowing down. */
    boolean targetDiffers() {
        return targetDiffers;
    }

    /** 0 when the target behaves the same, 1 when it differs or the program differs from run to run. */
    int status() {
        return noisy || targetDiffers ? 1 : 0;
    }
}
