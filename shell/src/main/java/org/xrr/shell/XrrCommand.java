package org.xrr.shell;

import org.xrr.shell.bench.BenchCommand;
import org.xrr.shell.cpu.CpuFeaturesCommand;
import org.xrr.shell.hunt.HuntCommand;
import org.xrr.shell.policy.PolicyCommand;
import org.xrr.shell.repl.ShellCommand;
import org.xrr.shell.script.ScriptCommand;
import org.xrr.shell.run.RecordCommand;
import org.xrr.shell.run.RunCommand;
import org.xrr.shell.trace.ReplayCommand;
import org.xrr.shell.sites.SitesCommand;
import org.xrr.shell.trace.DumpCommand;
import org.xrr.shell.trace.PackCommand;
import org.xrr.shell.trace.TraceInfoCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code xrr} command: it only dispatches to subcommands. */
@Command(name = "xrr",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Record, replay and control what Linux x86-64 programs see of the CPU.",
        subcommands = {RunCommand.class, RecordCommand.class, ReplayCommand.class, CpuFeaturesCommand.class, PolicyCommand.class, SitesCommand.class,
                TraceInfoCommand.class, DumpCommand.class, PackCommand.class, HuntCommand.class, BenchCommand.class, ShellCommand.class,
                ScriptCommand.class})
public final class XrrCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand; try 'xrr --help'");
    }
}
