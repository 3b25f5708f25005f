package org.xrr.shell.run;

import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.record.RecordSession;
import org.xrr.interposer.syscall.UnsupportedSyscallException;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.TraceStore;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.XdgDirectories;
import org.xrr.shell.cpu.CpuModelOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code xrr record}: runs a program as {@code xrr run} does and writes a trace of it. */
@Command(name = "record", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Run CMD as xrr run does, on the CPU the options describe, and record it into a trace that "
                + "xrr replay replays. Exits with CMD's status.")
public final class RecordCommand implements Callable<Integer> {
    /**
     * Hidden in every recording, as rr hides them: RDRAND and RDSEED give different values on every
     * run and are not trapped, so a program that used them could not be replayed.
     */
    public static final List<String> ALWAYS_HIDDEN = List.of("rdrand", "rdseed");

    /** A builder of the models a recording can present on {@code host}: {@link #ALWAYS_HIDDEN} hidden already. */
    public static CpuModelBuilder recordable(CpuidTable host, long hostXcr0) {
        return new CpuModelBuilder(host, hostXcr0).maskNames(ALWAYS_HIDDEN);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    CpuModelOptions cpu;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write the trace to DIR, which must not exist (default: a new directory under "
                    + "${XDG_DATA_HOME:-~/.local/share}/xrr/traces, which 'latest' then names).")
    Path output;

    @Mixin
    TracedProgram program;

    @Override
    public Integer call() throws Exception {
        Path path = program.program();
        long hostXcr0 = HostCpu.xcr0();
        CpuModel model = cpu.build(HostCpu.table(), hostXcr0, ALWAYS_HIDDEN);
        Path dir = traceDirectory(path);
        PrintWriter err = spec.commandLine().getErr();
        err.println("xrr: recording to " + dir);
        err.flush();
        RunResult result;
        try {
            result = program.trace(path, model, hostXcr0, cpu.cpuidFaulting(),
                    (config, launch) -> RecordSession.record(dir, launch, config,
                            spec.commandLine().getParseResult().originalArgs(), VersionProvider.version(),
                            new FileIdentities(XdgDirectories.fileHashes())));
        } catch (UnsupportedSyscallException e) {
            throw new UserError("cannot record " + program.name() + ": " + e.getMessage() + "; the trace up to it is in " + dir);
        }
        DeathReport.of(result.signal(), result.coreDumped()).ifPresent(err::println);
        err.flush();
        return result.exitCode();
    }

    private Path traceDirectory(Path program) throws Exception {
        if (output != null) {
            if (Files.exists(output)) {
                throw new UserError(output + " already exists; choose a new directory for the trace");
            }
            return output;
        }
        return new TraceStore(XdgDirectories.traces()).allocate(program.getFileName().toString());
    }
}
