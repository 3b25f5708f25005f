package org.xrr.interposer.tracer;

import org.junit.jupiter.api.Assumptions;
import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.ptrace.PtraceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a shell command line under the tracer, with its standard output captured in a file by the spawn itself. */
record TracedRun(RunResult result, String output) {
    private static final int EPERM = 1;

    static TracedRun of(CpuModel model, boolean cpuidFaulting, Path workDir, String commandLine) throws IOException {
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Launch launch = Launch.inheritingEnvironment("/bin/sh", List.of("sh", "-c", commandLine)).withOutput(out, null);
        try (CachedSiteScanner scanner = new CachedSiteScanner(new SiteCache(workDir.resolve("site-cache")))) {
            Tracer tracer = new Tracer(new Tracer.Config(model, true, cpuidFaulting, scanner));
            RunResult result = tracer.run(launch);
            return new TracedRun(result, Files.readString(out));
        } catch (PtraceException e) {
            Assumptions.assumeFalse(e.errno() == EPERM, "ptrace is not permitted here: " + e.getMessage());
            throw e;
        }
    }

    /** The value of KEY=value lines, as ld.so --list-diagnostics prints them. */
    Map<String, String> keyValues() {
        return output.lines().filter(l -> l.contains("="))
                .collect(java.util.stream.Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
    }
}
