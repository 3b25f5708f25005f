package org.xrr.shell.run;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.interposer.tracer.RunStats;
import org.xrr.interposer.tracer.Tracer;
import org.xrr.shell.cpu.CpuModelOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/** {@code xrr run}: runs a program, and everything it starts, on the CPU the options describe. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Run CMD, and every process and thread it starts, on a masked or different CPU: "
                + "CPUID, XGETBV and the XSAVE family are answered from a CPU model. Exits with CMD's status.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CpuModelOptions cpu;

    @Option(names = "--stats", description = "Print traps per kind, sites patched, scan time and tracee wall time to stderr.")
    boolean stats;

    @Mixin
    TracedProgram program;

    @Override
    public Integer call() throws Exception {
        Path path = program.program();
        CpuidTable host = HostCpu.table();
        long hostXcr0 = HostCpu.xcr0();
        CpuModel model = cpu.build(host, hostXcr0);
        RunResult result = program.trace(path, model, hostXcr0, cpu.cpuidFaulting(),
                (config, launch) -> new Tracer(config).run(launch));
        PrintWriter err = spec.commandLine().getErr();
        DeathReport.of(result.signal(), result.coreDumped()).ifPresent(err::println);
        if (result.stats().foreignProcesses() > 0) {
            err.println("xrr: warning: " + result.stats().foreignProcesses()
                    + " process(es) ran 32-bit code, which xrr does not interpose on: they saw this host's CPU");
        }
        if (stats) {
            printStats(result.stats(), err);
        }
        err.flush();
        return result.exitCode();
    }

    private static void printStats(RunStats s, PrintWriter err) {
        StringJoiner traps = new StringJoiner(", ");
        for (SiteKind kind : SiteKind.values()) {
            if (s.traps(kind) > 0) {
                traps.add(kind.mnemonic() + " " + s.traps(kind));
            }
        }
        err.println("xrr stats:");
        err.printf("  traps          %s%n", traps.length() == 0 ? "none" : traps);
        err.printf("  cpuid faults   %d (CPUIDs answered through the kernel's CPUID faulting)%n", s.cpuidFaults());
        err.printf("  sites patched  %d with int3, %d XSAVE-family sites rewritten to trampolines%n", s.sitesPatched(), s.sitesRewritten());
        err.printf("  scan time      %.1f ms%n", s.scanNanos() / 1e6);
        err.printf("  tracee wall    %.1f ms%n", s.wallNanos() / 1e6);
        err.printf("  ptrace stops   %d%n", s.stops());
        err.printf("  processes      %d%n", s.processes());
    }
}
