package org.xrr.shell.policy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xrr policy}: work with masking policies without running a program. */
@Command(name = "policy", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Work with JavaScript masking policies (see scripts/README.md).",
        subcommands = {PolicyCheckCommand.class})
public final class PolicyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a policy command: " + String.join(", ", spec.subcommands().keySet()));
    }
}
