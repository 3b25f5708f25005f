package org.xrr.interposer.policy;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.xrr.interposer.cpu.FeatureCatalogue;
import org.xrr.interposer.cpu.Shown;
import org.xrr.interposer.cpu.UnknownFeatureException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs a policy as untrusted code: a GraalJS context that can reach nothing outside itself (no
 * host classes, no file or network I/O, no threads, no processes, no other languages, no
 * environment), with a statement limit against loops and a {@link PolicyWatchdog} against
 * everything the statement count misses: long-running built-ins and memory. Each evaluation gets
 * a fresh context, because a context stopped by a limit cannot be used again.
 */
public final class PolicySandbox {
    /** Half a second to two seconds of interpreted JavaScript here; the shipped policies run a few thousand. */
    public static final long STATEMENT_LIMIT = 10_000_000;
    public static final Duration TIME_LIMIT = Duration.ofSeconds(10);
    /** Bytes by which a policy may grow the retained heap; the shipped ones keep well under 1 MiB. */
    public static final long MEMORY_LIMIT = 512L << 20;
    static final int OUTPUT_LIMIT = 16 << 10;
    private static final String API_SOURCE = "policy-api.js";

    /** What a policy produced: its plan as JSON, and what it printed. */
    public record Result(String planJson, String output) {
    }

    private static Engine engine;

    private final long statementLimit;
    private final Duration timeLimit;
    private final long memoryLimit;

    public PolicySandbox() {
        this(STATEMENT_LIMIT, TIME_LIMIT, MEMORY_LIMIT);
    }

    PolicySandbox(long statementLimit, Duration timeLimit, long memoryLimit) {
        this.statementLimit = statementLimit;
        this.timeLimit = timeLimit;
        this.memoryLimit = memoryLimit;
    }

    /**
     * One engine per process, shared by every evaluation: it holds the parsed JavaScript
     * built-ins, so only the first policy pays for them.
     */
    private static synchronized Engine engine() {
        if (engine == null) {
            engine = Engine.newBuilder("js")
                    // On a stock JDK, GraalJS has no compiler and runs interpreted; it says so on
                    // every start. A policy runs once, for milliseconds, so that is the right mode
                    // and the warning would only alarm users.
                    .option("engine.WarnInterpreterOnly", "false")
                    .build();
        }
        return engine;
    }

    /** Evaluates {@code policy} on {@code inputJson}; every way it can fail is a {@link PolicyException}. */
    public Result evaluate(Policy policy, String inputJson) throws PolicyException {
        BoundedOutput output = new BoundedOutput(OUTPUT_LIMIT);
        Context context = JsSandbox.context(HostAccess.NONE)
                .engine(engine())
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(statementLimit, null).build())
                .out(output)
                .err(output)
                .build();
        PolicyWatchdog watchdog = new PolicyWatchdog(context, timeLimit, memoryLimit);
        try {
            Value install = context.eval(apiSource());
            Value plan = install.execute(inputJson);
            watchdog.start();
            context.eval(Source.newBuilder("js", policy.text(), policy.name()).buildLiteral());
            Value planJson = plan.execute();
            if (!planJson.isString()) {
                throw PolicyPlan.invalid(policy, "", "its result is not JSON text (was JSON.stringify replaced?)");
            }
            return new Result(planJson.asString(), output.text());
        } catch (PolyglotException e) {
            throw failure(policy, e, watchdog);
        } catch (OutOfMemoryError e) {
            throw new PolicyException(PolicyException.Kind.MEMORY, "policy " + policy.name()
                    + " exhausted the memory of xrr's JVM and was stopped (a memory bomb?)");
        } finally {
            watchdog.stop();
            closeQuietly(context);
        }
    }

    private PolicyException failure(Policy policy, PolyglotException e, PolicyWatchdog watchdog) {
        String name = policy.name();
        // The statement limit also cancels the context, so the watchdog's own trips are told
        // apart by the reason it recorded before cancelling.
        PolicyWatchdog.Trip trip = watchdog.tripped();
        if (trip == PolicyWatchdog.Trip.MEMORY) {
            return new PolicyException(PolicyException.Kind.MEMORY, "policy " + name + " held more than "
                    + (memoryLimit >> 20) + " MiB of memory and was stopped (a memory bomb?)" + at(policy, e, " in "));
        }
        if (trip == PolicyWatchdog.Trip.TIME) {
            return new PolicyException(PolicyException.Kind.TIME, "policy " + name + " ran longer than "
                    + seconds(timeLimit) + " and was stopped (an infinite loop?)" + at(policy, e, " in "));
        }
        if (e.isResourceExhausted()) {
            return new PolicyException(PolicyException.Kind.TIME, "policy " + name + " ran past its limit of "
                    + statementLimit + " statements and was stopped (an infinite loop?)" + at(policy, e, " at "));
        }
        if (e.isSyntaxError()) {
            SourceSection where = e.getSourceLocation();
            String line = where == null ? name : where.getSource().getName() + ":" + where.getStartLine();
            return new PolicyException(PolicyException.Kind.SYNTAX, line + ": syntax error: " + firstLine(e.getMessage()));
        }
        if (e.isGuestException() && !e.isInternalError()) {
            return thrown(policy, e);
        }
        return new PolicyException(PolicyException.Kind.THROWN, "policy " + name + " failed inside the JavaScript engine: "
                + firstLine(e.getMessage()));
    }

    /**
     * An exception the script threw, or one the API threw at it, named by where the policy was.
     * The thrown value is the script's: anything about it may be odd or throw in turn, so only
     * strings are read from it, and any failure falls back to the exception's own message.
     */
    private static PolicyException thrown(Policy policy, PolyglotException e) {
        try {
            return described(policy, e);
        } catch (PolyglotException | UnsupportedOperationException | IllegalStateException | ClassCastException odd) {
            return new PolicyException(PolicyException.Kind.THROWN, policy.name() + ": the policy threw "
                    + Shown.text(firstLine(e.getMessage())));
        }
    }

    private static PolicyException described(Policy policy, PolyglotException e) {
        Value error = e.getGuestObject();
        String errorName = stringMember(error, "name");
        String place = location(policy, e);
        String prefix = place.isEmpty() ? policy.name() + ": " : place + ": ";
        String feature = stringMember(error, "feature");
        if (errorName.equals("UnknownFeatureError") && !feature.isEmpty()) {
            return new PolicyException(PolicyException.Kind.INVALID,
                    prefix + new UnknownFeatureException(feature, FeatureCatalogue.closest(feature)).getMessage());
        }
        if (errorName.equals("SandboxError")) {
            return new PolicyException(PolicyException.Kind.SANDBOX, prefix + messageOf(error));
        }
        if (errorName.equals("PolicyError")) {
            return new PolicyException(PolicyException.Kind.THROWN, prefix + messageOf(error));
        }
        return new PolicyException(PolicyException.Kind.THROWN, prefix + "the policy threw "
                + Shown.text(firstLine(e.getMessage())));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static String messageOf(Value error) {
        return Shown.text(firstLine(stringMember(error, "message")));
    }

    /** A member of a thrown object when it is a string; empty otherwise. */
    private static String stringMember(Value object, String member) {
        if (object == null || !object.hasMembers() || !object.hasMember(member)) {
            return "";
        }
        Value v = object.getMember(member);
        return v != null && v.isString() ? v.asString() : "";
    }

    private static String at(Policy policy, PolyglotException e, String preposition) {
        String place = location(policy, e);
        return place.isEmpty() ? "" : preposition + place;
    }

    /** The innermost frame in the policy itself, as file:line; empty if the policy has none. */
    private static String location(Policy policy, PolyglotException e) {
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection s = frame.getSourceLocation();
            if (frame.isGuestFrame() && s != null && s.getSource().getName().equals(policy.name())) {
                return policy.name() + ":" + s.getStartLine();
            }
        }
        return "";
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeQuietly(Context context) {
        try {
            context.close(true);
        } catch (PolyglotException e) {
            // A context stopped by a limit rethrows that stop on close; it has already been reported.
        }
    }

    private static Source apiSource() {
        try (InputStream in = PolicySandbox.class.getResourceAsStream(API_SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(API_SOURCE + " is missing from xrr's classes");
            }
            return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), API_SOURCE).buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
