package org.xrr.shell.session;

import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.shell.UserError;

import java.io.PrintWriter;
import java.util.Optional;

/** What the session commands of one shell share: the trace open for stepping, if any, and where they print. */
public final class SessionContext implements AutoCloseable {
    private final PrintWriter out;
    private DebugSession session;

    public SessionContext(PrintWriter out) {
        this.out = out;
    }

    public PrintWriter out() {
        return out;
    }

    /** Opens {@code trace} for stepping, closing the one open before; {@code echo} shows the program's output as it replays. */
    public DebugSession open(TraceDirectory trace, boolean echo) {
        close();
        session = new DebugSession(trace, out, echo);
        return session;
    }

    public Optional<DebugSession> current() {
        return Optional.ofNullable(session);
    }

    /** The open session; none is a one-line error that says how to open one. */
    public DebugSession require() {
        if (session == null) {
            throw new UserError("no trace is open: open one with 'replay TRACE'");
        }
        return session;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
