package org.xrr.shell.hunt;

import org.xrr.interposer.cpu.CpuFeature;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuProfileException;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.tracer.Launch;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.run.RecordCommand;
import org.xrr.shell.run.Traced;
import org.xrr.shell.run.TracedProgram;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code xrr hunt features}: which CPU features change what a program does. It records the
 * program on this host's CPU and on the target, and when they behave differently, narrows the
 * features the target lacks down to a minimal set whose hiding alone changes the behaviour.
 */
@Command(name = "features", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Record CMD on this host's CPU and on a target CPU; if it behaves differently (output, exit status, "
                + "or its events with time and randomness left out), find a minimal set of the features the target lacks "
                + "whose hiding changes it, by delta debugging. Exits 0 when the behaviour is the same, 1 when features "
                + "were found.")
public final class HuntFeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Target {
        @Option(names = "--target-profile", paramLabel = "FILE", required = true,
                description = "The target is this host limited to what the profile's CPU has.")
        Path profile;

        @Option(names = "--mask", split = ",", paramLabel = "FEATURE", required = true,
                description = "The target is this host with these features hidden.")
        List<String> mask;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Mixin
    HuntOptions options;

    @Mixin
    TracedProgram program;

    private final Map<List<String>, Behaviour> recorded = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path path = program.program();
        CpuidTable host = HostCpu.table();
        long hostXcr0 = HostCpu.xcr0();
        CpuModel base = new CpuModelBuilder(host, hostXcr0).maskNames(RecordCommand.ALWAYS_HIDDEN).build();
        CpuModel targetModel = targetModel(host, hostXcr0);
        List<CpuFeature> lacking = base.features().stream().filter(f -> !targetModel.has(f))
                .sorted(Comparator.comparing(CpuFeature::name)).toList();
        if (lacking.isEmpty()) {
            throw new UserError("the target lacks no feature this host shows: nothing to hunt");
        }
        Path work = options.workDir();
        try (CellPool pool = options.pool("hunt features", err)) {
            CellRecorder recorder = new CellRecorder(Launch.inheritingEnvironment(path.toString(), program.command()), program.siteCache(), hostXcr0,
                    work, false);
            return Traced.run(program.name(), () -> hunt(recorder, pool, host, hostXcr0, lacking, out, err));
        } finally {
            options.cleanUp(work);
        }
    }

    private int hunt(CellRecorder recorder, CellPool pool, CpuidTable host, long hostXcr0, List<CpuFeature> lacking, PrintWriter out,
                     PrintWriter err) throws Exception {
        String targetName = target.profile != null ? target.profile.getFileName().toString() : "--mask " + String.join(",", target.mask);
        HuntReport report = new HuntReport("xrr hunt features: " + String.join(" ", program.command()) + " on this host and on "
                + targetName, "features");
        List<List<CpuFeature>> first = List.of(List.of(), List.of(), lacking);
        List<Behaviour> runs = pool.map(first, hidden -> behaviour(recorder, host, hostXcr0, hidden));
        Optional<Difference> noise = Difference.between(runs.get(0), runs.get(1));
        if (noise.isPresent()) {
            report.add(new HuntReport.Cell("this host", "run 2", CellStatus.DIFFERS, noise.get().what(), noise.get().summary()));
            report.finding("two runs on the same CPU already differ (" + noise.get().source().label() + "), so CPU features "
                    + "cannot be told apart from that; 'xrr hunt runs' finds where runs part");
            options.print(report, out, err);
            return 1;
        }
        Optional<Difference> overall = Difference.between(runs.get(0), runs.get(2));
        report.add(cell(targetName, "all " + lacking.size() + " lacking", overall));
        if (overall.isEmpty()) {
            report.finding("the program behaves the same on the target: no feature it lacks changes what it does");
            options.print(report, out, err);
            return 0;
        }
        pool.expect(lacking.size());
        List<Behaviour> alone = pool.map(lacking.stream().map(List::of).toList(), hidden -> behaviour(recorder, host, hostXcr0, hidden));
        List<String> aloneChanging = new ArrayList<>();
        for (int i = 0; i < lacking.size(); i++) {
            Optional<Difference> d = Difference.between(runs.get(0), alone.get(i));
            report.add(cell(targetName, lacking.get(i).name(), d));
            if (d.isPresent()) {
                aloneChanging.add(lacking.get(i).name());
            }
        }
        DeltaDebugging<CpuFeature> dd = new DeltaDebugging<>(
                hidden -> Difference.between(runs.get(0), behaviour(recorder, host, hostXcr0, hidden)).isPresent(), pool);
        List<CpuFeature> minimal = dd.minimize(lacking);
        Optional<Difference> minimalDifference = Difference.between(runs.get(0), behaviour(recorder, host, hostXcr0, minimal));
        report.finding("features responsible: " + String.join(", ", minimal.stream().map(CpuFeature::name).toList())
                + " (a minimal set of the " + lacking.size() + " the target lacks: hiding them changes the behaviour, hiding "
                + "any fewer of them does not; " + pool.cellsRun() + " recordings)");
        minimalDifference.ifPresent(d -> report.finding("first difference with them hidden: " + d.contrast()));
        report.finding(aloneChanging.isEmpty() ? "no feature changes the behaviour when hidden alone"
                : "each of these changes the behaviour when hidden alone: " + String.join(", ", aloneChanging));
        options.print(report, out, err);
        return 1;
    }

    private static HuntReport.Cell cell(String row, String column, Optional<Difference> d) {
        return d.map(x -> new HuntReport.Cell(row, column, CellStatus.DIFFERS, x.what(), x.contrast()))
                .orElseGet(() -> new HuntReport.Cell(row, column, CellStatus.SAME, "", "hiding it alone changes nothing"));
    }

    private Behaviour behaviour(CellRecorder recorder, CpuidTable host, long hostXcr0, List<CpuFeature> hidden) throws Exception {
        List<String> names = hidden.stream().map(CpuFeature::name).sorted().toList();
        Behaviour known = recorded.get(names);
        if (known != null && !hidden.isEmpty()) {
            return known;
        }
        CpuModel model = new CpuModelBuilder(host, hostXcr0).maskNames(RecordCommand.ALWAYS_HIDDEN).maskNames(names).build();
        String label = names.isEmpty() ? "host" : names.size() <= 3 ? "hide-" + String.join(",", names) : "hide-" + names.size() + "-features";
        Behaviour b = recorder.record(model, label, List.of("--mask", String.join(",", names)));
        recorded.put(names, b);
        return b;
    }

    private CpuModel targetModel(CpuidTable host, long hostXcr0) {
        try {
            CpuModelBuilder b = new CpuModelBuilder(host, hostXcr0).maskNames(RecordCommand.ALWAYS_HIDDEN);
            return target.profile != null ? b.intersect(CpuProfile.load(target.profile)).build() : b.maskNames(target.mask).build();
        } catch (CpuProfileException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
