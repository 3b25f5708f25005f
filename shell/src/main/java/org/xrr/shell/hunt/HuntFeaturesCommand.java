package org.xrr.shell.hunt;

import org.xrr.interposer.cpu.CpuFeature;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuProfileException;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.HostCpu;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code xrr hunt features}: which CPU features change what a program does. It records the
 * program on this host's CPU and on the target, and when they behave differently, narrows the
 * features the target lacks down to a minimal set whose hiding changes the behaviour.
 */
@Command(name = "features", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Record CMD on this host's CPU and on a target CPU; if it behaves differently (output, exit status, "
                + "or its events with time, randomness and addresses left out), find a minimal set of the features the "
                + "target lacks whose hiding changes it, by delta debugging, and which ones change it alone. Exits 0 when "
                + "the behaviour is the same, 1 when it differs (or when two runs on this host already differ).")
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path path = program.program();
        CpuidTable host = HostCpu.table();
        long hostXcr0 = HostCpu.xcr0();
        CpuModel base = RecordCommand.recordable(host, hostXcr0).build();
        CpuModel targetModel = targetModel(host, hostXcr0);
        List<String> lacking = base.features().stream().filter(f -> !targetModel.has(f)).map(CpuFeature::name).sorted().toList();
        if (lacking.isEmpty()) {
            throw new UserError("the target lacks no feature this host shows: nothing to hunt");
        }
        String targetName = target.profile != null ? target.profile.getFileName().toString() : "--mask " + String.join(",", target.mask);
        String title = "xrr hunt features: " + String.join(" ", program.command()) + " on this host and on " + targetName;
        List<String> environment = HuntOptions.environment();
        List<HuntJob> jobs = FeaturesAnalysis.plan(title, targetName, lacking, path.toString(), program.command(), environment,
                System.getProperty("user.dir"));
        if (options.emitJobs(jobs, err)) {
            return 0;
        }
        return options.locally("hunt features", program.siteCache(), err, local -> Traced.run(program.name(), () -> {
            FeaturesAnalysis analysis = FeaturesAnalysis.of(jobs, local.run(jobs));
            if (analysis.targetDiffers()) {
                narrow(analysis, jobs, local);
            }
            options.print(analysis.report(), out, err);
            return analysis.status();
        }));
    }

    /** Delta debugging over the lacking features, each test one more recording. */
    private void narrow(FeaturesAnalysis analysis, List<HuntJob> jobs, LocalJobs local) throws Exception {
        HuntJob template = jobs.get(0);
        AtomicInteger next = new AtomicInteger(jobs.size());
        DeltaDebugging<String> dd = new DeltaDebugging<>(hidden -> {
            HuntJob job = HuntJob.record(template.hunt(), template.title(), next.getAndIncrement(), "narrowing", "hide",
                    template.program(), template.argv(), template.environment(), template.directory(), hidden);
            return Difference.between(analysis.baseline(), JobRunner.behaviour(job, local.runHere(job), false)).isPresent();
        }, local.pool());
        List<String> lacking = jobs.get(2).hide();
        dd.know(lacking, true);
        analysis.alone().forEach((feature, d) -> dd.know(List.of(feature), d.isPresent()));
        List<String> minimal = dd.minimize(lacking);
        analysis.report().finding("features responsible: " + String.join(", ", minimal) + " (a minimal set of the "
                + lacking.size() + " the target lacks: hiding them changes the behaviour, and no one of them can be left "
                + "out; " + dd.tests() + " sets of features tested)");
        HuntJob check = HuntJob.record(template.hunt(), template.title(), next.getAndIncrement(), "narrowing", "minimal",
                template.program(), template.argv(), template.environment(), template.directory(), minimal);
        Optional<Difference> together = Difference.between(analysis.baseline(),
                JobRunner.behaviour(check, local.run(List.of(check)).get(0), false));
        analysis.report().finding(together.map(x -> "first difference with them hidden: " + x.contrast())
                .orElse("hidden together once more, they did not change the behaviour: the program is not deterministic enough "
                        + "for this answer to be sure"));
        for (String feature : minimal) {
            Optional<Difference> alone = analysis.alone().getOrDefault(feature, Optional.empty());
            analysis.report().finding(feature + ": " + alone.map(x -> "hidden alone, first difference at " + x.contrast())
                    .orElse("changes nothing hidden alone, only with the others"));
        }
    }

    private CpuModel targetModel(CpuidTable host, long hostXcr0) {
        try {
            CpuModelBuilder b = RecordCommand.recordable(host, hostXcr0);
            return target.profile != null ? b.intersect(CpuProfile.load(target.profile)).build() : b.maskNames(target.mask).build();
        } catch (CpuProfileException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
