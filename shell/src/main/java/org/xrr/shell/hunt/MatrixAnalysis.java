package org.xrr.shell.hunt;

import org.xrr.shell.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report of a portability matrix: one replay of the trace per profile and policy, as that host. */
final class MatrixAnalysis {
    static final String HUNT = "matrix";
    static final String NO_POLICY = "no policy";
    /** The file a replay job leaves its cell in. */
    static final String CELL = "cell.json";

    private final HuntReport report;
    private final boolean allReplay;

    private MatrixAnalysis(HuntReport report, boolean allReplay) {
        this.report = report;
        this.allReplay = allReplay;
    }

    /** One replay job per (profile, policy); a null policy is the profile as it is. */
    static List<HuntJob> plan(String title, Path trace, List<Path> profiles, List<Path> policies) {
        List<Path> columns = new ArrayList<>();
        columns.add(null);
        columns.addAll(policies);
        List<HuntJob> jobs = new ArrayList<>();
        for (Path profile : profiles) {
            for (Path policy : columns) {
                jobs.add(HuntJob.replay(HUNT, title, jobs.size(), name(profile), policy == null ? NO_POLICY : name(policy),
                        trace.toAbsolutePath().toString(), profile.toAbsolutePath().toString(),
                        policy == null ? null : policy.toAbsolutePath().toString()));
            }
        }
        return jobs;
    }

    static MatrixAnalysis of(List<HuntJob> jobs, List<Path> results) throws IOException {
        HuntReport report = new HuntReport(jobs.get(0).title(), HUNT);
        Map<CellStatus, Integer> counts = new EnumMap<>(CellStatus.class);
        for (int i = 0; i < jobs.size(); i++) {
            Path cell = results.get(i).resolve(CELL);
            if (!Files.isRegularFile(cell)) {
                throw HuntJob.missingResult(jobs.get(i), results.get(i));
            }
            HuntReport.Cell c;
            try {
                c = ReportJson.readCell(cell);
            } catch (IOException e) {
                throw new UserError(e.getMessage());
            }
            report.add(c);
            counts.merge(c.status(), 1, Integer::sum);
        }
        report.finding(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", ")) + " of " + jobs.size() + " cells");
        return new MatrixAnalysis(report, counts.getOrDefault(CellStatus.REPLAYS, 0) == jobs.size());
    }

    private static String name(Path file) {
        return file.getFileName().toString().replaceFirst("\\.(json|js)$", "");
    }

    HuntReport report() {
        return report;
    }

    /** 0 when the trace replays as every host, 1 otherwise. */
    int status() {
        return allReplay ? 0 : 1;
    }
}
