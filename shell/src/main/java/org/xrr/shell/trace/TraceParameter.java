package org.xrr.shell.trace;

import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceException;
import org.xrr.interposer.trace.TraceStore;
import org.xrr.shell.UserError;
import org.xrr.shell.XdgDirectories;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The TRACE argument of the commands that read a trace. */
public final class TraceParameter {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TRACE",
            description = "A trace directory, or the name of a trace in xrr's trace directory (python3-0); "
                    + "the latest trace if left out.")
    String trace;

    /** Opens the trace and reads its header; every problem is a one-line {@link UserError}. */
    public TraceDirectory open() {
        return open(trace);
    }

    /** Opens the trace {@code nameOrPath} names, the latest if null; every problem is a one-line {@link UserError}. */
    public static TraceDirectory open(String nameOrPath) {
        TraceStore store = new TraceStore(XdgDirectories.traces());
        Path dir = nameOrPath == null ? latest(store) : store.resolve(nameOrPath);
        try {
            return TraceDirectory.open(dir);
        } catch (NoSuchFileException e) {
            throw new UserError(dir + ": no such trace");
        } catch (TraceException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read the trace " + dir + ": " + e);
        }
    }

    private static Path latest(TraceStore store) {
        try {
            return store.latest();
        } catch (NoSuchFileException e) {
            throw new UserError("no trace recorded yet (" + store.root().resolve(TraceStore.LATEST)
                    + " does not exist); name a trace directory");
        } catch (IOException e) {
            throw new UserError("cannot find the latest trace: " + e);
        }
    }
}
