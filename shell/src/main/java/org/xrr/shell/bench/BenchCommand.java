package org.xrr.shell.bench;

import org.xrr.shell.hunt.HuntBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xrr bench}: the benchmarks, each a subcommand that measures side by side in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Measure xrr against its references, side by side in one run, and print the ratios.",
        subcommands = {SitesBenchmark.class, RunBenchmark.class, PolicyBenchmark.class, RecordBenchmark.class, SeekBenchmark.class,
                HuntBenchmark.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a benchmark: " + String.join(", ", spec.subcommands().keySet()));
    }
}
