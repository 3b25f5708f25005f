package org.xrr.shell.hunt;

import org.xrr.shell.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xrr hunt}: batch divergence hunting over CPUs, features and runs. */
@Command(name = "hunt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Hunt for what changes a program's behaviour: the hosts a trace replays on (matrix), the CPU "
                + "features that change it (features), or differences between runs (runs); or run and merge the jobs a hunt wrote with --emit-jobs (run-job, merge).",
        subcommands = {HuntMatrixCommand.class, HuntFeaturesCommand.class, HuntRunsCommand.class, HuntRunJobCommand.class, HuntMergeCommand.class})
public final class HuntCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a hunt: " + String.join(", ", spec.subcommands().keySet()));
    }
}
