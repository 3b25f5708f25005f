package org.xrr.shell.hunt;

import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.record.RecordSession;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.tracer.Launch;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.interposer.tracer.Tracer;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.XdgDirectories;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the program of a hunt once per cell, each time into a trace of its own with its output
 * in files next to it, and reads back what it did. Safe to call from several threads at once.
 */
final class CellRecorder {
    private final Launch launch;
    private final SiteCache cache;
    private final long hostXcr0;
    private final Path workDir;
    private final boolean cpuAnswers;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param cache      the site cache, or null for none
     * @param workDir    where the cells' traces and output files go
     * @param cpuAnswers whether CPUID's answers count as behaviour (not when the CPU is what the hunt varies)
     */
    CellRecorder(Launch launch, SiteCache cache, long hostXcr0, Path workDir, boolean cpuAnswers) {
        this.launch = launch;
        this.cache = cache;
        this.hostXcr0 = hostXcr0;
        this.workDir = workDir;
        this.cpuAnswers = cpuAnswers;
    }

    /** Records one run of the program on {@code model}; {@code label} names the cell's directory. */
    Behaviour record(CpuModel model, String label, List<String> options) throws Exception {
        Path dir = workDir.resolve(String.format("%03d-%s", next.incrementAndGet(), label.replaceAll("[^A-Za-z0-9.,_-]+", "_")));
        Files.createDirectories(dir);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Path trace = dir.resolve("trace");
        RunResult result;
        try (CachedSiteScanner scanner = new CachedSiteScanner(cache)) {
            Tracer.Config config = new Tracer.Config(model, model.xcr0() != hostXcr0, true, scanner);
            result = RecordSession.record(trace, launch.withOutput(out, err), config, options, VersionProvider.version(),
                    new FileIdentities(XdgDirectories.fileHashes()));
        }
        return Behaviour.read(trace, out, err, result.exitCode(), cpuAnswers);
    }
}
