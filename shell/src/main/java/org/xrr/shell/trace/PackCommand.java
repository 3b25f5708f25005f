package org.xrr.shell.trace;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.xrr.interposer.pack.PackException;
import org.xrr.interposer.pack.RecordedFiles;
import org.xrr.interposer.pack.TracePacker;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceException;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code xrr pack}: copies the files a trace's program used into the trace. */
@Command(name = "pack", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Copy every file the recording executed or mapped into the trace (files/, one copy per content), "
                + "so that it replays where those libraries are missing or different. Each copy must have the content "
                + "recorded: a file changed since is an error. Packing again copies only what is missing.")
public final class PackCommand implements Callable<Integer> {
    /** Below this much to copy, a progress bar would only flicker. */
    private static final long BAR_THRESHOLD = 64L << 20;

    @Spec
    CommandSpec spec;

    @Mixin
    TraceParameter trace;

    @Override
    public Integer call() {
        TraceDirectory dir = trace.open();
        PrintWriter err = spec.commandLine().getErr();
        try {
            RecordedFiles files = RecordedFiles.of(dir);
            long total = files.totalBytes();
            TracePacker.Result result;
            if (System.console() != null && total >= BAR_THRESHOLD) {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("pack").setInitialMax(total).setUnit(" MiB", 1 << 20)
                        .setStyle(ProgressBarStyle.ASCII).build()) {
                    result = TracePacker.pack(dir, files, bar::stepTo);
                }
            } else {
                result = TracePacker.pack(dir, files, done -> { });
            }
            err.println("xrr: packed " + dir.path() + ": " + result.files() + " file(s), " + result.copied() + " copied now ("
                    + result.bytesCopied() + " bytes)");
            err.flush();
            return 0;
        } catch (PackException e) {
            throw new UserError(e.getMessage());
        } catch (TraceException e) {
            throw new UserError("cannot pack: " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot pack " + dir.path() + ": " + e);
        }
    }
}
