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
                + "the behaviour is the same, 1 when it differs.")
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
        CpuModel base = new CpuModelBuilder(host, hostXcr0).maskNames(RecordCommand.ALWAYS_HIDDEN).build();
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
        List<String> minimal = dd.minimize(jobs.get(2).hide());
        analysis.report().finding("features responsible: " + String.join(", ", minimal) + " (a minimal set of the "
                + jobs.get(2).hide().size() + " the target lacks: hiding them changes the behaviour, hiding any fewer of them "
                + "does not; " + local.pool().cellsRun() + " recordings)");
        HuntJob check = HuntJob.record(template.hunt(), template.title(), next.getAndIncrement(), "narrowing", "minimal",
                template.program(), template.argv(), template.environment(), template.directory(), minimal);
        Optional<Difference> d = Difference.between(analysis.baseline(), JobRunner.behaviour(check, local.run(List.of(check)).get(0), false));
        d.ifPresent(x -> analysis.report().finding("first difference with them hidden: " + x.contrast()));
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
