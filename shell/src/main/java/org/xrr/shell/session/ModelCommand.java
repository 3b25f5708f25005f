package org.xrr.shell.session;

import org.xrr.interposer.cpu.CpuFeature;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.FeatureCatalogue;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.trace.TraceHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code model}: the CPU the recording presented, against the recording's host and this one. */
@Command(name = "model", description = "Show the CPU the program was presented, against the host it was recorded on and "
        + "this host, as a feature table: the features where they differ, or all with --all.")
final class ModelCommand implements Callable<Integer> {
    private final SessionContext context;

    @Option(names = "--all", description = "List every feature, not only those that differ.")
    boolean all;

    ModelCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        TraceHeader header = context.require().trace().header();
        print(header, all, context.out());
        return 0;
    }

    static void print(TraceHeader header, boolean all, PrintWriter out) {
        CpuProfile presented = header.presentedCpu();
        CpuProfile recorded = header.hostCpu();
        Set<CpuFeature> shown = FeatureCatalogue.presentIn(presented.table());
        Set<CpuFeature> then = FeatureCatalogue.presentIn(recorded.table());
        Set<CpuFeature> now = FeatureCatalogue.presentIn(HostCpu.table());
        out.printf("presented: %s, XCR0 0x%x; recorded on: %s, XCR0 0x%x; this host: XCR0 0x%x%n", name(presented),
                presented.xcr0(), name(recorded), recorded.xcr0(), HostCpu.xcr0());
        out.printf("%-20s %-10s %-12s %s%n", "feature", "presented", "recorded on", "this host");
        int rows = 0;
        for (CpuFeature f : FeatureCatalogue.all()) {
            boolean p = shown.contains(f);
            boolean t = then.contains(f);
            boolean n = now.contains(f);
            if (all || p != t || p != n) {
                out.printf("%-20s %-10s %-12s %s%n", f.name(), yes(p), yes(t), yes(n));
                rows++;
            }
        }
        if (rows == 0) {
            out.println("(every feature is the same in all three)");
        }
        out.flush();
    }

    private static String name(CpuProfile p) {
        return p.vendor() + (p.name().isEmpty() ? "" : " (" + p.name() + ")");
    }

    private static String yes(boolean present) {
        return present ? "yes" : "-";
    }
}
