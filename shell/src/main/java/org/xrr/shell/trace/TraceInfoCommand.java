package org.xrr.shell.trace;

import org.xrr.shell.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code xrr traceinfo}: the header of a trace. */
@Command(name = "traceinfo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the header of a trace as JSON: the program, its environment, the CPU it was shown "
                + "and the CPU it ran on, the options, kernel and glibc versions, and whether the trace is packed.")
public final class TraceInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceParameter trace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(trace.open().header().toJson());
        out.flush();
        return 0;
    }
}
