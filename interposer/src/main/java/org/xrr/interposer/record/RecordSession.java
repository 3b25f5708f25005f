package org.xrr.interposer.record;

import com.sun.jna.Function;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceHeader;
import org.xrr.interposer.trace.TraceWriter;
import org.xrr.interposer.tracer.Launch;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.interposer.tracer.Tracer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** One recording: the header, then the traced run with a {@link Recorder} writing the events. */
public final class RecordSession {
    private RecordSession() {
    }

    /**
     * Records {@code launch} into the new trace directory {@code dir}. The trace is closed however
     * the run ends, so a recording stopped by an error leaves a readable prefix.
     *
     * @param options the command-line options that shaped the model, kept in the header
     * @param files   hashes the files the program maps
     */
    public static RunResult record(Path dir, Launch launch, Tracer.Config config, List<String> options, String xrrVersion,
                                   FileIdentities files) throws IOException {
        CpuModel model = config.model();
        CpuProfile presented = new CpuProfile(model.brand(), model.vendor(), "the CPU model xrr presented", model.xcr0(),
                "the model XCR0", "", model.table());
        TraceHeader header = new TraceHeader(xrrVersion, Instant.now(), launch.path(), launch.argv(), launch.env(),
                System.getProperty("user.dir"), presented, HostCpu.profile(), options, kernelRelease(), glibcVersion(), false);
        try (TraceWriter writer = TraceDirectory.create(dir, header)) {
            Tracer tracer = new Tracer(config, new Recorder(writer, new Ptrace(), files));
            return tracer.run(launch);
        }
    }

    private static String kernelRelease() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
    }

    private static String glibcVersion() {
        return Function.getFunction("c", "gnu_get_libc_version").invokeString(new Object[0], false);
    }
}
