package org.xrr.interposer.tracer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.ptrace.PtraceException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** A traced program's standard output and error, sent to files by the spawn. */
class LaunchOutputTest {
    private static final int EPERM = 1;

    @TempDir
    Path work;

    private RunResult run(Launch launch) throws Exception {
        try (CachedSiteScanner scanner = new CachedSiteScanner(new SiteCache(work.resolve("site-cache")))) {
            return new Tracer(new Tracer.Config(new CpuModelBuilder(HostCpu.table(), HostCpu.xcr0()).build(), false, false,
                    scanner)).run(launch);
        } catch (PtraceException e) {
            assumeFalse(e.errno() == EPERM, "ptrace is not permitted here: " + e.getMessage());
            throw e;
        }
    }

    @Test
    void outputAndErrorGoToTheirFiles() throws Exception {
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Files.writeString(out, "an older, longer content that must not survive");
        RunResult r = run(Launch.inheritingEnvironment("/bin/sh", List.of("sh", "-c", "echo to-out; echo to-err >&2; exit 3"))
                .withOutput(out, err));
        assertEquals(3, r.exitCode());
        assertEquals("to-out\n", Files.readString(out));
        assertEquals("to-err\n", Files.readString(err));
    }

    @Test
    void inputComesFromItsFile() throws Exception {
        Path in = work.resolve("in.txt");
        Path out = work.resolve("copied.txt");
        Files.writeString(in, "fed to the program\n");
        RunResult r = run(Launch.inheritingEnvironment("/bin/cat", List.of("cat")).withInput(in).withOutput(out, null));
        assertEquals(0, r.exitCode());
        assertEquals("fed to the program\n", Files.readString(out));
    }

    @Test
    void anOutputFileThatCannotBeCreatedStopsTheProgramBeforeItStarts() throws Exception {
        Path marker = work.resolve("ran");
        RunResult r = run(Launch.inheritingEnvironment("/bin/sh", List.of("sh", "-c", "touch " + marker))
                .withOutput(work.resolve("no-such-dir/out.txt"), null));
        assertEquals(125, r.exitCode());
        assertEquals(false, Files.exists(marker));
    }
}
