package org.xrr.shell.trace;

import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuProfileException;
import org.xrr.interposer.replay.Divergence;
import org.xrr.interposer.replay.ReplayHost;
import org.xrr.interposer.replay.ReplayRefusedException;
import org.xrr.interposer.replay.ReplaySession;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceException;
import org.xrr.interposer.tracer.RunResult;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.XdgDirectories;
import org.xrr.shell.repl.ShellCommand;
import org.xrr.shell.run.Traced;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code xrr replay}: runs a recording again and checks every event against the trace. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Replay a trace to its end, showing the program's terminal output again. Exits 0 when the replay "
                + "matched the recording to the last event, and 1 with a report of the first divergence when it did not.")
public final class ReplayCommand implements Callable<Integer> {
    /** The status of a replay that diverged. */
    static final int DIVERGED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    TraceParameter trace;

    @Option(names = {"-q", "--quiet"}, description = "Do not show the program's output.")
    boolean quiet;

    @Option(names = "--as-host", paramLabel = "FILE",
            description = "Check the trace against the machine the CPU profile FILE describes (its features, XCR0 and XSAVE "
                    + "layout) instead of this one, and refuse as that machine would; the replay itself runs here.")
    Path asHost;

    @Option(names = "--shell", negatable = true, description = "Open the replay shell, to step through the replay, before "
            + "the first event (default: when standard input and output are a terminal and -q is not given).")
    Boolean shell;

    @Override
    public Integer call() throws Exception {
        TraceDirectory dir = trace.open();
        if (shell != null ? shell : !quiet && asHost == null && System.console() != null) {
            if (asHost != null) {
                throw new UserError("--shell and --as-host do not go together: the replay shell checks against this machine");
            }
            return ShellCommand.open(null, null, dir);
        }
        ReplayHost host = host();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            RunResult result = Traced.run(dir.header().executable(), () -> {
                try (CachedSiteScanner scanner = new CachedSiteScanner(new SiteCache(XdgDirectories.siteCache()))) {
                    return ReplaySession.replay(dir, scanner, new FileIdentities(XdgDirectories.fileHashes()), host,
                            quiet ? null : text(out), quiet ? null : text(err));
                }
            });
            err.println("xrr: replay matched the recording to its last event (the program exited with status "
                    + result.exitCode() + ")");
            err.flush();
            return 0;
        } catch (Divergence d) {
            err.println("xrr: " + d.getMessage());
            err.flush();
            return DIVERGED;
        } catch (ReplayRefusedException e) {
            throw new UserError(e.getMessage());
        } catch (TraceException e) {
            throw new UserError(e.getMessage());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof TraceException t) {
                throw new UserError(t.getMessage());
            }
            throw e;
        }
    }

    private ReplayHost host() {
        if (asHost == null) {
            return ReplayHost.thisMachine();
        }
        try {
            return new ReplayHost(CpuProfile.load(asHost), asHost.toString(), "");
        } catch (CpuProfileException e) {
            throw new UserError("--as-host: " + e.getMessage());
        }
    }

    /** The program's bytes into the command's writer, as the UTF-8 they almost always are. */
    public static OutputStream text(PrintWriter writer) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writer.print(new String(b, off, len, StandardCharsets.UTF_8));
                writer.flush();
            }
        };
    }
}
