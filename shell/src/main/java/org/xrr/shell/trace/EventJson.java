package org.xrr.shell.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xrr.interposer.trace.CloneEvent;
import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.ExitEvent;
import org.xrr.interposer.trace.FileIdentity;
import org.xrr.interposer.trace.MappedFileEvent;
import org.xrr.interposer.trace.MemoryWrite;
import org.xrr.interposer.trace.PreemptionEvent;
import org.xrr.interposer.trace.SignalEvent;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TrapEvent;
import org.xrr.shell.Json;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One JSON object per event, for {@code xrr dump --json}: index, tid and kind, then every field of
 * the event; addresses and raw values as hex strings (as {@code xrr sites --json} prints them),
 * bytes as hex digits.
 */
public final class EventJson implements TraceEvent.Visitor<ObjectNode> {
    private static final HexFormat HEX = HexFormat.of();

    private final SyscallNames syscalls;

    public EventJson(SyscallNames syscalls) {
        this.syscalls = syscalls;
    }

    public ObjectNode of(long index, TraceEvent e) {
        ObjectNode node = object().put("index", index).put("tid", e.tid()).put("kind", e.kind().label());
        return node.setAll(e.accept(this));
    }

    @Override
    public ObjectNode syscall(SyscallEvent e) {
        ObjectNode node = object().put("number", e.number());
        syscalls.name(e.number()).ifPresent(name -> node.put("name", name));
        hexes(node.putArray("args"), e.args());
        node.put("result", e.result()).put("mode", e.mode().name().toLowerCase(Locale.ROOT));
        return memory(node, e.memory());
    }

    @Override
    public ObjectNode trap(TrapEvent e) {
        ObjectNode node = object().put("instruction", e.site().mnemonic()).put("rip", Json.hex(e.rip()));
        hexes(node.putArray("inputs"), e.inputs());
        hexes(node.putArray("outputs"), e.outputs());
        return memory(node, e.memory());
    }

    @Override
    public ObjectNode signal(SignalEvent e) {
        ObjectNode node = object().put("signal", e.signal()).put("name", SignalNames.of(e.signal()))
                .put("outcome", e.outcome().name().toLowerCase(Locale.ROOT)).put("siginfo", HEX.formatHex(e.siginfo()));
        return memory(node, e.memory());
    }

    @Override
    public ObjectNode clone(CloneEvent e) {
        return object().put("how", e.how().name().toLowerCase(Locale.ROOT)).put("flags", Json.hex(e.flags()))
                .put("childTid", e.childTid());
    }

    @Override
    public ObjectNode exec(ExecEvent e) {
        ObjectNode node = object().put("path", e.path());
        e.argv().forEach(node.putArray("argv")::add);
        node.put("atRandom", HEX.formatHex(e.atRandom())).set("executable", file(e.executable()));
        return node;
    }

    @Override
    public ObjectNode exit(ExitEvent e) {
        return object().put("status", e.status()).put("signal", e.signal());
    }

    @Override
    public ObjectNode mappedFile(MappedFileEvent e) {
        ObjectNode node = object();
        node.set("file", file(e.file()));
        return node;
    }

    @Override
    public ObjectNode preemption(PreemptionEvent e) {
        ObjectNode node = object().put("rip", Json.hex(e.rip()));
        hexes(node.putArray("registers"), e.registers());
        return node.put("memoryHash", Json.hex(e.memoryHash()));
    }

    private static ObjectNode file(FileIdentity f) {
        return object().put("path", f.path()).put("sha256", f.sha256Hex()).put("size", f.size())
                .put("modified", f.modified().toString());
    }

    private static ObjectNode memory(ObjectNode node, List<MemoryWrite> writes) {
        ArrayNode array = node.putArray("memory");
        for (MemoryWrite w : writes) {
            array.addObject().put("address", Json.hex(w.address())).put("length", w.length())
                    .put("bytes", HEX.formatHex(w.bytes()));
        }
        return node;
    }

    private static void hexes(ArrayNode array, long[] values) {
        for (long v : values) {
            array.add(Json.hex(v));
        }
    }

    private static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }
}
