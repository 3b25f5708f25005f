package org.xrr.shell.run;

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

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A recording xrr makes for itself, not for the user at a terminal: a hunt's cell, a benchmark's trace. */
public final class UnattendedRecording {
    private UnattendedRecording() {
    }

    /**
     * Records {@code launch} into the new trace directory {@code dir} on {@code model}, on the
     * calling thread (it becomes the tracer).
     *
     * @param cache   the site cache, or null for none
     * @param options the options that shaped the model, kept in the trace's header
     */
    public static RunResult record(Path dir, Launch launch, CpuModel model, long hostXcr0, SiteCache cache, List<String> options)
            throws IOException {
        try (CachedSiteScanner scanner = new CachedSiteScanner(cache)) {
            return RecordSession.record(dir, launch, new Tracer.Config(model, model.xcr0() != hostXcr0, true, scanner), options,
                    VersionProvider.version(), new FileIdentities(XdgDirectories.fileHashes()));
        }
    }
}
