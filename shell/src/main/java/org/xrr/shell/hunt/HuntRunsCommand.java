package org.xrr.shell.hunt;

import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.run.Traced;
import org.xrr.shell.run.TracedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code xrr hunt runs}: records a program several times and finds where the runs stop agreeing, and why. */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Record CMD N times on the same CPU and find the first event where the runs stop agreeing, naming "
                + "the kind of source: time, randomness, scheduling, CPU or environment. Options go before N. Exits 0 "
                + "when every run agrees, 1 when they differ.")
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
        List<HuntJob> jobs = RunsAnalysis.plan("xrr hunt runs: " + runs + " runs of " + String.join(" ", command), runs,
                path.toString(), command, HuntOptions.environment(), System.getProperty("user.dir"));
        if (options.emitJobs(jobs, err)) {
            return 0;
        }
        return options.locally("hunt runs", TracedProgram.defaultSiteCache(), err, local -> Traced.run(command.get(0), () -> {
            RunsAnalysis analysis = RunsAnalysis.of(jobs, local.run(jobs));
            options.print(analysis.report(), out, err);
            return analysis.status();
        }));
    }
}
