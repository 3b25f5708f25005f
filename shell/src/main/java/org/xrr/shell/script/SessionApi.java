package org.xrr.shell.script;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.graalvm.polyglot.HostAccess;
import org.xrr.interposer.cpu.CpuFeature;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.FeatureCatalogue;
import org.xrr.interposer.debug.ReplayState;
import org.xrr.interposer.debug.Stop;
import org.xrr.interposer.debug.TaskInspector;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.replay.Divergence;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.shell.Json;
import org.xrr.shell.UserError;
import org.xrr.shell.session.DebugSession;
import org.xrr.shell.session.EventPaths;
import org.xrr.shell.trace.EventJson;
import org.xrr.shell.trace.SyscallNames;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A replay as a session script drives it; session-api.js wraps it in the documented JavaScript
 * API. Values cross as JSON text and strings: 64-bit values as hex strings, which the wrapper
 * turns into BigInts.
 */
public final class SessionApi implements AutoCloseable {
    private final DebugSession session;
    private final EventJson json = new EventJson(new SyscallNames());

    SessionApi(TraceDirectory trace) {
        this.session = new DebugSession(trace, new PrintWriter(Writer.nullWriter()), false);
    }

    @HostAccess.Export
    public String trace() {
        return session.trace().path().toString();
    }

    @HostAccess.Export
    public EventCursor cursor() throws IOException {
        return new EventCursor(session.trace());
    }

    /** Replays {@code count} events; the event it stops at as JSON, or null when the replay ended or diverged first. */
    @HostAccess.Export
    public String step(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("step: the count must be at least 1, not " + count);
        }
        if (!movable()) {
            return null;
        }
        int[] left = {count};
        return stopped(session.run(s -> --left[0] == 0));
    }

    /** Replays to the end of the program or to a divergence; null then, as {@link #step}. */
    @HostAccess.Export
    public String runToEnd() {
        if (!movable()) {
            return null;
        }
        return stopped(session.run(s -> false));
    }

    @HostAccess.Export
    public String seek(long index) {
        return stopped(session.seek(index));
    }

    @HostAccess.Export
    public void restart() {
        session.restart();
    }

    @HostAccess.Export
    public String state() {
        return session.replay().state().name().toLowerCase(Locale.ROOT);
    }

    @HostAccess.Export
    public String position() {
        Stop s = session.replay().position();
        return s == null ? null : Json.line(stop(s));
    }

    @HostAccess.Export
    public String divergence() {
        Divergence d = session.replay().divergence();
        if (d == null) {
            return null;
        }
        return Json.line(Json.MAPPER.createObjectNode().put("event", d.eventIndex()).put("message", d.getMessage()));
    }

    @HostAccess.Export
    public String regs() {
        return session.inspect(task -> {
            ObjectNode node = Json.MAPPER.createObjectNode();
            for (Map.Entry<String, Long> r : task.registers().entrySet()) {
                node.put(r.getKey(), Json.hex(r.getValue()));
            }
            return Json.line(node);
        });
    }

    /** {@code length} bytes at {@code address} (decimal or 0x hex), as hex digits. */
    @HostAccess.Export
    public String read(String address, int length) {
        long at = address(address);
        return session.inspect(task -> HexFormat.of().formatHex(task.read(at, length)));
    }

    @HostAccess.Export
    public String readString(String address, int max) {
        long at = address(address);
        return session.inspect(task -> task.readString(at, max));
    }

    @HostAccess.Export
    public String disas(String address, int count) {
        return session.inspect(task -> {
            long at = address == null ? task.register(Registers.RIP) : address(address);
            ArrayNode lines = Json.MAPPER.createArrayNode();
            for (TaskInspector.Line l : task.disassemble(at, count)) {
                lines.addObject().put("address", Json.hex(l.instruction().address())).put("bytes", l.instruction().hexBytes())
                        .put("text", l.instruction().text()).put("symbol", l.location().describe()).put("current", l.current());
            }
            return Json.line(lines);
        });
    }

    /** The path the event the replay is held at names (a syscall's path argument, read from the task; an exec's or mapping's file), or null. */
    @HostAccess.Export
    public String path() {
        try {
            return EventPaths.at(session.replay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The symbolized location of {@code address} in the task at the current event. */
    @HostAccess.Export
    public String symbol(String address) {
        long at = address(address);
        return session.inspect(task -> task.locate(at).describe());
    }

    @HostAccess.Export
    public String where() {
        return session.inspect(task -> {
            ArrayNode frames = Json.MAPPER.createArrayNode();
            for (TaskInspector.Frame f : task.backtrace()) {
                frames.addObject().put("address", Json.hex(f.location().address())).put("symbol", f.location().describe());
            }
            return Json.line(frames);
        });
    }

    @HostAccess.Export
    public String model() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.set("presented", cpu(session.trace().header().presentedCpu()));
        node.set("recordedHost", cpu(session.trace().header().hostCpu()));
        return Json.line(node);
    }

    @HostAccess.Export
    @Override
    public void close() {
        session.close();
    }

    private boolean movable() {
        ReplayState state = session.replay().state();
        return state == ReplayState.NOT_STARTED || state == ReplayState.PAUSED;
    }

    private String stopped(ReplayState state) {
        return state == ReplayState.PAUSED ? position() : null;
    }

    private ObjectNode stop(Stop s) {
        ObjectNode node = json.of(s.index(), s.event());
        node.put("task", s.tid());
        return node;
    }

    private static ObjectNode cpu(CpuProfile p) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("vendor", p.vendor()).put("name", p.name()).put("xcr0", Json.hex(p.xcr0()));
        ArrayNode features = node.putArray("features");
        for (CpuFeature f : FeatureCatalogue.presentIn(p.table())) {
            features.add(f.name());
        }
        return node;
    }

    /** An address as the wrapper passes it: a BigInt or number in decimal, or a hex string. */
    private static long address(String text) {
        try {
            String t = text.strip();
            return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : new BigInteger(t).longValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address");
        }
    }
}
