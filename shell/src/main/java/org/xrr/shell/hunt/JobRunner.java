package org.xrr.shell.hunt;

import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.PerCpuFields;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.record.RecordSession;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.tracer.Launch;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.interposer.tracer.Tracer;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.XdgDirectories;
import org.xrr.shell.run.RecordCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one job of a hunt and leaves its result in a directory: for a recording, the trace, the
 * program's output and its exit status. Safe to call from several threads at once, each job on
 * its own thread (a traced session belongs to the thread that started it).
 */
final class JobRunner {
    private static final String TRACE = "trace";
    private static final String STDOUT = "stdout";
    private static final String STDERR = "stderr";
    private static final String STATUS = "status";

    private final SiteCache cache;
    /**
     * This host's CPUID, read once and with the APIC IDs cleared: read on each job's thread, it
     * would hold the ID of whichever CPU that thread ran on, and runs would differ for it.
     */
    private final CpuidTable host = PerCpuFields.cleared(HostCpu.table());

    /** @param cache the site cache, or null for none */
    JobRunner(SiteCache cache) {
        this.cache = cache;
    }

    void run(HuntJob job, Path result) throws Exception {
        if (!HuntJob.RECORD.equals(job.kind())) {
            throw new UserError("job " + job.index() + " of '" + job.title() + "' is a " + job.kind() + " job, which this xrr cannot run");
        }
        if (!Path.of(job.directory()).equals(Path.of(System.getProperty("user.dir")))) {
            throw new UserError("job " + job.index() + " runs its program in " + job.directory() + "; run xrr there");
        }
        Files.createDirectories(result);
        long hostXcr0 = HostCpu.xcr0();
        CpuModel model;
        try {
            model = new CpuModelBuilder(host, hostXcr0).maskNames(RecordCommand.ALWAYS_HIDDEN).maskNames(job.hide()).build();
        } catch (IllegalArgumentException e) {
            throw new UserError("job " + job.index() + ": " + e.getMessage());
        }
        Launch launch = new Launch(job.program(), job.argv(), job.environment()).withOutput(result.resolve(STDOUT), result.resolve(STDERR));
        RunResult run;
        try (CachedSiteScanner scanner = new CachedSiteScanner(cache)) {
            Tracer.Config config = new Tracer.Config(model, model.xcr0() != hostXcr0, true, scanner);
            run = RecordSession.record(result.resolve(TRACE), launch, config, List.of("--mask", String.join(",", job.hide())),
                    VersionProvider.version(), new FileIdentities(XdgDirectories.fileHashes()));
        }
        Files.writeString(result.resolve(STATUS), run.exitCode() + "\n");
    }

    /** What a recording job's program did, read back from its result. */
    static Behaviour behaviour(HuntJob job, Path result, boolean cpuAnswers) throws IOException {
        Path status = result.resolve(STATUS);
        if (!Files.isRegularFile(status)) {
            throw new UserError("job " + job.index() + " (" + job.row() + " / " + job.column() + ") has no result in " + result
                    + ": run it with 'xrr hunt run-job'");
        }
        int exit;
        try {
            exit = Integer.parseInt(Files.readString(status).strip());
        } catch (NumberFormatException e) {
            throw new UserError(status + ": not an exit status");
        }
        return Behaviour.read(result.resolve(TRACE), result.resolve(STDOUT), result.resolve(STDERR), exit, cpuAnswers);
    }
}
