package org.xrr.interposer.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.disasm.testing.NativePrograms;
import org.xrr.interposer.cpu.OtherVendorXsave;
import org.xrr.interposer.portability.PortabilityCheck;
import org.xrr.interposer.ptrace.PtraceException;
import org.xrr.interposer.record.RecordSession;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.tracer.Launch;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.interposer.tracer.Tracer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A trace whose presented CPU lays AVX-512 out as the other vendor does, as one recorded there
 * would: it records and replays here, XSAVE translated both times. The probe exits 1 when k1
 * is not where leaf 0xD says, which replay would report as a divergence of its exit status.
 */
class TranslatedReplayTest {
    private static final int EPERM = 1;

    @TempDir
    Path work;

    @Test
    void aTraceShowingTheOtherVendorsLayoutReplaysHere() throws Exception {
        Path out = work.resolve("out.txt");
        Path trace = work.resolve("trace");
        Launch launch = Launch.inheritingEnvironment("/bin/sh", List.of("sh", "-c", NativePrograms.path("xsaveprobe") + " > " + out));
        try (CachedSiteScanner scanner = new CachedSiteScanner(new SiteCache(work.resolve("sites")))) {
            RunResult recorded;
            try {
                recorded = RecordSession.record(trace, launch, new Tracer.Config(OtherVendorXsave.model(), true, false, scanner),
                        List.of(), "test", new FileIdentities(null));
            } catch (PtraceException e) {
                assumeFalse(e.errno() == EPERM, "ptrace is not permitted here: " + e.getMessage());
                throw e;
            }
            assertEquals(0, recorded.exitCode());
            assertEquals(OtherVendorXsave.probeOutput(), Files.readString(out));
            TraceDirectory dir = TraceDirectory.open(trace);
            assertEquals(List.of(), PortabilityCheck.differences(dir.header().presentedCpu(), dir.header().hostCpu()),
                    "a layout that only moves components is no obstacle");
            for (int i = 0; i < 3; i++) {
                assertEquals(0, ReplaySession.replay(dir, scanner, new FileIdentities(null), null, null).exitCode(), "replay " + (i + 1));
            }
        }
    }
}
