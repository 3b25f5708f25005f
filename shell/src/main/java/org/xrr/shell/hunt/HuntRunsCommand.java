package org.xrr.shell.hunt;

import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.tracer.Launch;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.XdgDirectories;
import org.xrr.shell.run.RecordCommand;
import org.xrr.shell.run.Traced;
import org.xrr.shell.run.TracedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code xrr hunt runs}: records a program several times and finds where the runs stop agreeing, and why. */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Record CMD N times on the same CPU and find the first event where the runs stop agreeing, naming "
                + "the kind of source: time, randomness, scheduling, CPU or environment. Exits 0 when every run agrees, "
                + "1 when they differ.")
public final class HuntRunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "N", description = "How many runs to record (at least 2).")
    int runs;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = TracedProgram.CMD, description = "The program and its arguments.")
    List<String> command;

    @Mixin
    HuntOptions options;

    @Override
    public Integer call() throws Exception {
        if (runs < 2) {
            throw new UserError("hunt runs needs at least 2 runs to compare, not " + runs);
        }
        if (command.get(0).equals("--")) {
            // Everything after N is the program's, '--' too: the separator the usage shows is dropped here.
            command = command.subList(1, command.size());
            if (command.isEmpty()) {
                throw new UserError("hunt runs needs a program to run after '--'");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path path = Traced.program(command.get(0));
        long hostXcr0 = HostCpu.xcr0();
        CpuModel model = new CpuModelBuilder(HostCpu.table(), hostXcr0).maskNames(RecordCommand.ALWAYS_HIDDEN).build();
        Path work = options.workDir();
        try (CellPool pool = options.pool("hunt runs", err)) {
            pool.expect(runs);
            CellRecorder recorder = new CellRecorder(Launch.inheritingEnvironment(path.toString(), command),
                    new SiteCache(XdgDirectories.siteCache()), hostXcr0, work, true);
            List<Behaviour> recorded = Traced.run(command.get(0), () -> pool.map(IntStream.rangeClosed(1, runs).boxed().toList(),
                    i -> recorder.record(model, "run-" + i, List.of())));
            return report(recorded, out, err);
        } finally {
            options.cleanUp(work);
        }
    }

    private int report(List<Behaviour> recorded, PrintWriter out, PrintWriter err) throws Exception {
        HuntReport report = new HuntReport("xrr hunt runs: " + runs + " runs of " + String.join(" ", command), "runs");
        List<Difference> found = new ArrayList<>();
        for (int i = 1; i < recorded.size(); i++) {
            Optional<Difference> d = Difference.between(recorded.get(0), recorded.get(i));
            d.ifPresent(found::add);
            report.add(d.isPresent() ? differs(i, d.get()) : same(i));
        }
        Optional<Difference> first = found.stream().filter(d -> d.index() >= 0).min(Comparator.comparingLong(Difference::index))
                .or(() -> found.stream().findFirst());
        report.finding(first.map(d -> "the runs stop agreeing at " + d.what() + ", from " + d.source().label()
                        + (d.candidates().size() > 1 ? " (sources that differed before it: "
                        + String.join(", ", d.candidates().stream().map(Source::label).toList()) + ")" : "") + ": " + d.left()
                        + "  vs  " + d.right())
                .orElse("all " + runs + " runs agree: output, exit status and every event"));
        options.print(report, out, err);
        return found.isEmpty() ? 0 : 1;
    }

    private static HuntReport.Cell same(int i) {
        return new HuntReport.Cell("run 1", "run " + (i + 1), CellStatus.SAME, "", "the same output, exit status and events");
    }

    private static HuntReport.Cell differs(int i, Difference d) {
        return new HuntReport.Cell("run 1", "run " + (i + 1), CellStatus.DIFFERS, d.what() + " (" + d.source().label() + ")",
                d.summary());
    }
}
