package org.xrr.shell.script;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.xrr.interposer.policy.JsSandbox;
import org.xrr.shell.Json;
import org.xrr.shell.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a session script on GraalJS. The script reaches xrr only through the {@code xrr} object
 * (session-api.js over {@link XrrApi}): no host classes, no file or process access of its own.
 * Unlike a policy it is the user's own program, so it has no time limit; Ctrl-C ends it.
 */
public final class SessionScript {
    private static final String API = "session-api.js";
    /** The scripts running now, so that Ctrl-C in the REPL can stop them. */
    private static final Set<Context> RUNNING = ConcurrentHashMap.newKeySet();

    private SessionScript() {
    }

    /** Runs {@code file} with {@code args}; what it prints goes to {@code out}. A failure is a {@link UserError} naming FILE:LINE. */
    public static void run(Path file, List<String> args, OutputStream out) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such script");
        }
        try (XrrApi api = new XrrApi();
             Context context = JsSandbox.context(HostAccess.EXPLICIT)
                     .option("engine.WarnInterpreterOnly", "false")
                     .out(out)
                     .err(out)
                     .build()) {
            RUNNING.add(context);
            try {
                Value install = context.eval(Source.newBuilder("js", apiSource(), API).build());
                Value xrr = install.execute(api, Json.MAPPER.writeValueAsString(args));
                context.getBindings("js").putMember("xrr", xrr);
                context.eval(Source.newBuilder("js", text, file.toString()).build());
            } catch (PolyglotException e) {
                if (e.isCancelled()) {
                    throw new UserError(file + ": stopped by Ctrl-C");
                }
                throw new UserError(describe(e, file));
            } finally {
                RUNNING.remove(context);
            }
        }
    }

    /**
     * Stops every script running now, as Ctrl-C in the REPL does: each ends at its next
     * JavaScript statement (a call into xrr that waits for an event ends when that event comes),
     * and its {@code run} fails with a one-line error.
     */
    public static void stopAll() {
        for (Context context : RUNNING) {
            context.close(true);
        }
    }

    /** {@code FILE:LINE: message}, at the innermost frame of the script itself. */
    private static String describe(PolyglotException e, Path file) {
        String message = e.isHostException() ? e.asHostException().getMessage() : e.getMessage();
        if (e.isSyntaxError()) {
            SourceSection where = e.getSourceLocation();
            return (where == null ? file.toString() : where.getSource().getName() + ":" + where.getStartLine()) + ": syntax error: "
                    + message;
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection where = frame.getSourceLocation();
            if (frame.isGuestFrame() && where != null && where.getSource().getName().equals(file.toString())) {
                return where.getSource().getName() + ":" + where.getStartLine() + ": " + message;
            }
        }
        return file + ": " + message;
    }

    private static String apiSource() throws IOException {
        try (InputStream in = SessionScript.class.getResourceAsStream(API)) {
            if (in == null) {
                throw new IllegalStateException(API + " is missing from xrr's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
