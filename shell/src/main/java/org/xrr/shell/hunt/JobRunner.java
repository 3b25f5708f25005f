package org.xrr.shell.hunt;

import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuProfileException;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.cpu.PerCpuFields;
import org.xrr.interposer.policy.Policy;
import org.xrr.interposer.policy.PolicyArguments;
import org.xrr.interposer.policy.PolicyException;
import org.xrr.interposer.portability.PortabilityCheck;
import org.xrr.interposer.replay.Divergence;
import org.xrr.interposer.replay.ReplayHost;
import org.xrr.interposer.replay.ReplayRefusedException;
import org.xrr.interposer.replay.ReplaySession;
import org.xrr.interposer.syscall.UnsupportedSyscallException;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.tracer.Launch;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.shell.Json;
import org.xrr.shell.Scratch;
import org.xrr.shell.UserError;
import org.xrr.shell.XdgDirectories;
import org.xrr.shell.policy.PolicyRunner;
import org.xrr.shell.run.RecordCommand;
import org.xrr.shell.run.UnattendedRecording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs one job of a hunt and leaves its result in a directory: for a recording, the trace, the
 * program's output and its exit status; for a replay, the report cell of its outcome. Safe to call from several threads at once, each job on
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
        if (HuntJob.REPLAY.equals(job.kind())) {
            Files.createDirectories(result);
            Files.writeString(result.resolve(MatrixAnalysis.CELL), Json.MAPPER.writeValueAsString(ReportJson.cell(replay(job))));
            return;
        }
        if (!Path.of(job.directory()).equals(Path.of(System.getProperty("user.dir")))) {
            throw new UserError("job " + job.index() + " runs its program in " + job.directory() + "; run xrr there");
        }
        // A job run again (its node died, say) starts over.
        Scratch.delete(result);
        Files.createDirectories(result);
        long hostXcr0 = HostCpu.xcr0();
        CpuModel model;
        try {
            model = RecordCommand.recordable(host, hostXcr0).maskNames(job.hide()).build();
        } catch (IllegalArgumentException e) {
            throw new UserError("job " + job.index() + ": " + e.getMessage());
        }
        // Cells run side by side: none may read xrr's terminal.
        Launch launch = new Launch(job.program(), job.argv(), job.environment()).withInput(Path.of("/dev/null"))
                .withOutput(result.resolve(STDOUT), result.resolve(STDERR));
        List<String> options = job.hide().isEmpty() ? List.of() : List.of("--mask", String.join(",", job.hide()));
        RunResult run;
        try {
            run = UnattendedRecording.record(result.resolve(TRACE), launch, model, hostXcr0, cache, options);
        } catch (UnsupportedSyscallException e) {
            throw new UserError("job " + job.index() + ": cannot record " + job.argv().get(0) + ": " + e.getMessage());
        }
        Files.writeString(result.resolve(STATUS), run.exitCode() + "\n");
    }

    /**
     * Replays the job's trace as the host it names: replays, refused before running (with the
     * differences), diverged (with the first divergence), or failed (a damaged trace, a bad
     * profile or policy).
     */
    private HuntReport.Cell replay(HuntJob job) {
        String row = job.row();
        String column = job.column();
        ReplayHost host = null;
        TraceDirectory trace = null;
        try (CachedSiteScanner scanner = new CachedSiteScanner(cache)) {
            host = replayHost(job);
            trace = TraceDirectory.open(Path.of(job.trace()));
            ReplaySession.replay(trace, scanner, new FileIdentities(XdgDirectories.fileHashes()), host, null, null);
            return new HuntReport.Cell(row, column, CellStatus.REPLAYS, "", "passes the check as " + host.profile().name()
                    + ", and replayed here to its last event");
        } catch (ReplayRefusedException e) {
            List<String> kinds = PortabilityCheck.differences(trace.header().presentedCpu(), host.profile()).stream()
                    .map(d -> d.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList();
            return new HuntReport.Cell(row, column, CellStatus.REFUSED, kinds.isEmpty() ? firstLine(e.getMessage())
                    : String.join(", ", kinds), e.getMessage());
        } catch (Divergence d) {
            return new HuntReport.Cell(row, column, CellStatus.DIVERGED, "event " + d.eventIndex(), d.getMessage());
        } catch (CpuProfileException | IOException | RuntimeException e) {
            // One cell that cannot run (a bad profile, a damaged trace, a tracee that vanished) is that cell's outcome.
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return new HuntReport.Cell(row, column, CellStatus.FAILED, firstLine(message), message);
        }
    }

    /** The profile's machine, or what the job's policy makes of it (a VM that hides features, say). */
    private static ReplayHost replayHost(HuntJob job) throws CpuProfileException {
        CpuProfile profile = CpuProfile.load(Path.of(job.asHost()));
        if (job.policy() == null) {
            return new ReplayHost(profile, job.asHost(), "");
        }
        Policy policy;
        try {
            policy = Policy.load(Path.of(job.policy()));
        } catch (PolicyException e) {
            throw new UserError(e.getMessage());
        }
        CpuModel model = PolicyRunner.model(policy, PolicyArguments.NONE, profile.table(), profile.xcr0(),
                () -> new CpuModelBuilder(profile.table(), profile.xcr0()), "hunt matrix").model();
        CpuProfile masked = new CpuProfile(profile.name() + " under " + Path.of(job.policy()).getFileName(), model.vendor(),
                "the model " + job.policy() + " computes for " + job.asHost(), model.xcr0(), "the model XCR0", "", model.table());
        return new ReplayHost(masked, job.asHost(), "");
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    /** The trace a recording job left in its result. */
    static Path trace(Path result) {
        return result.resolve(TRACE);
    }

    /** What a recording job's program did, read back from its result. */
    static Behaviour behaviour(HuntJob job, Path result, boolean cpuAnswers) throws IOException {
        Path status = result.resolve(STATUS);
        if (!Files.isRegularFile(status)) {
            throw HuntJob.missingResult(job, result);
        }
        try {
            int exit = Integer.parseInt(Files.readString(status).strip());
            return Behaviour.read(result.resolve(TRACE), result.resolve(STDOUT), result.resolve(STDERR), exit, cpuAnswers);
        } catch (NumberFormatException e) {
            throw new UserError(status + ": not an exit status");
        } catch (IOException e) {
            throw new UserError("the result of job " + job.index() + " in " + result + " cannot be read: " + e.getMessage());
        }
    }
}
