package org.xrr.shell;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.trace.CloneEvent;
import org.xrr.interposer.trace.CloneKind;
import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.ExitEvent;
import org.xrr.interposer.trace.FileIdentity;
import org.xrr.interposer.trace.MemoryWrite;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.trace.SyscallMode;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceHeader;
import org.xrr.interposer.trace.TraceWriter;
import org.xrr.interposer.trace.TrapEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceCommandsTest {
    private static final List<TraceEvent> EVENTS = events();

    @TempDir
    Path tmp;

    private Path trace;
    private TraceHeader header;

    @BeforeEach
    void record() throws IOException {
        CpuidTable table = CpuidTable.builder().put(0x0, 0, 0xd, 0x756e6547, 0x6c65746e, 0x49656e69).build();
        header = new TraceHeader("0.1.0", Instant.parse("2025-03-01T10:15:30Z"), "/usr/bin/python3",
                List.of("python3", "-c", "print(42)"), List.of("LANG=C.UTF-8"), "/root",
                new CpuProfile("presented", "GenuineIntel", "", 0x3, "", "", table),
                new CpuProfile("host", "GenuineIntel", "", 0x7, "", "", table),
                List.of("--mask", "avx"), "6.1.0", "2.36", false);
        trace = tmp.resolve("python3-0");
        try (TraceWriter writer = TraceDirectory.create(trace, header)) {
            for (TraceEvent e : EVENTS) {
                writer.append(e);
            }
        }
    }

    private static List<TraceEvent> events() {
        FileIdentity python = new FileIdentity("/usr/bin/python3.11", new byte[32], 6_831_736, Instant.parse("2024-01-02T03:04:05Z"));
        List<TraceEvent> events = new ArrayList<>();
        events.add(new ExecEvent(100, "/usr/bin/python3", List.of("python3", "-c", "print(42)"), new byte[16], python));
        events.add(new SyscallEvent(100, 0, new long[] {3, 0x7ffd_0000_1000L, 832, 0, 0, 0}, 832, SyscallMode.EMULATED,
                List.of(new MemoryWrite(0x7ffd_0000_1000L, new byte[] {0x7f, 'E', 'L', 'F'}))));
        events.add(new TrapEvent(100, 0x7f00_0000_1234L, SiteKind.CPUID, new long[] {7, 0}, new long[] {0, 0x29c67af, 0, 0}, List.of()));
        events.add(new CloneEvent(100, CloneKind.CLONE, 0x3d0f00, 101));
        events.add(new SyscallEvent(101, 1, new long[] {1, 0x5555_0000_0000L, 3, 0, 0, 0}, 3, SyscallMode.EXECUTED, List.of()));
        events.add(new SyscallEvent(100, 257, new long[] {-100, 0x5555_0000_1000L, 0, 0, 0, 0}, -2, SyscallMode.EMULATED, List.of()));
        events.add(new ExitEvent(101, 0, 0));
        events.add(new ExitEvent(100, 0, 11));
        return events;
    }

    @Test
    void traceinfoPrintsTheHeader() throws Exception {
        CliRun run = CliRun.of("traceinfo", trace.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(header, TraceHeader.parse(Path.of("stdout"), run.out()));
        assertTrue(run.out().contains("\"packed\" : false"), run.out());
    }

    @Test
    void dumpListsEveryEventOnALine() {
        CliRun run = CliRun.of("dump", trace.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(EVENTS.size(), lines.size(), run.out());
        assertEquals("      1     100  syscall     read(3, 0x7ffd00001000, 832, 0, 0, 0) = 832  emulated,"
                + " wrote 4 bytes at 0x7ffd00001000", lines.get(1));
        assertEquals("      2     100  trap        cpuid at 0x7f0000001234  in [0x7, 0x0] out [0x0, 0x29c67af, 0x0, 0x0]",
                lines.get(2));
        assertEquals("      3     100  clone       clone flags 0x3d0f00 -> tid 101", lines.get(3));
        assertEquals("      5     100  syscall     openat(-100, 0x555500001000, 0, 0, 0, 0) = -2  emulated", lines.get(5));
        assertEquals("      7     100  exit        killed by SIGSEGV", lines.get(7));
        assertTrue(lines.get(0).contains("exec        /usr/bin/python3 [python3, -c, print(42)]  sha256 0000"), lines.get(0));
    }

    @Test
    void dumpJsonPrintsOneObjectPerEvent() throws Exception {
        CliRun run = CliRun.of("dump", "--json", trace.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(EVENTS.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode event = Json.MAPPER.readTree(lines.get(i));
            assertEquals(i, event.get("index").asInt());
            assertEquals(EVENTS.get(i).tid(), event.get("tid").asInt());
            assertEquals(EVENTS.get(i).kind().label(), event.get("kind").asText());
        }
        JsonNode read = Json.MAPPER.readTree(lines.get(1));
        assertEquals("0x7ffd00001000", read.get("args").get(1).asText());
        assertEquals(832, read.get("result").asLong());
        assertEquals("7f454c46", read.get("memory").get(0).get("bytes").asText());
        assertEquals("0x29c67af", Json.MAPPER.readTree(lines.get(2)).get("outputs").get(1).asText());
    }

    @Test
    void dumpFiltersByKindSyscallAndThread() {
        assertEquals(List.of(3L, 6L, 7L), indices(CliRun.of("dump", "--kind", "clone,exit", trace.toString())));
        assertEquals(List.of(1L, 4L), indices(CliRun.of("dump", "--syscall", "read", "--syscall", "1", trace.toString())));
        assertEquals(List.of(4L, 6L), indices(CliRun.of("dump", "--tid", "101", trace.toString())));
        assertEquals(List.of(1L, 5L), indices(CliRun.of("dump", "--tid", "100", "--kind", "syscall", trace.toString())));
        assertEquals(List.of(), indices(CliRun.of("dump", "--kind", "signal", trace.toString())));
    }

    @Test
    void anUnknownSyscallNameIsOneLine() {
        CliRun run = CliRun.of("dump", "--syscall", "no_such_call", trace.toString());
        assertEquals(2, run.status());
        assertEquals("xrr: --syscall: 'no_such_call' is not an x86-64 syscall name this xrr knows; give its number\n", run.err());
    }

    @Test
    void aDamagedTraceIsListedUpToTheDamageThenOneLine() throws IOException {
        Path events = trace.resolve("events");
        byte[] whole = Files.readAllBytes(events);
        // Cutting the end frame and the last byte of the only data frame leaves nothing readable.
        Files.write(events, java.util.Arrays.copyOf(whole, whole.length - 33));
        CliRun run = CliRun.of("dump", trace.toString());
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("xrr: " + events + ": event 0: frame 0 is truncated"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void anUnfinishedTraceListsItsEventsThenSaysItWasCutShort() throws IOException {
        Path events = trace.resolve("events");
        byte[] whole = Files.readAllBytes(events);
        Files.write(events, java.util.Arrays.copyOf(whole, whole.length - 32));
        CliRun run = CliRun.of("dump", "--kind", "exit", trace.toString());
        assertEquals(2, run.status());
        assertEquals(List.of(6L, 7L), indices(run));
        assertEquals("xrr: " + events + ": event 8: the trace stops after 8 events without an end frame: "
                + "the recording was cut short\n", run.err());
    }

    @Test
    void aMissingOrBrokenTraceIsOneLine() throws IOException {
        CliRun missing = CliRun.of("traceinfo", tmp.resolve("nothing").toString());
        assertEquals(2, missing.status());
        assertEquals("xrr: " + tmp.resolve("nothing") + ": no such trace\n", missing.err());
        Files.writeString(trace.resolve("header.json"), "{\"format\": 99}");
        CliRun wrongVersion = CliRun.of("dump", trace.toString());
        assertEquals(2, wrongVersion.status());
        assertEquals("xrr: " + trace.resolve("header.json") + ": unsupported trace format version 99; this xrr reads version 1\n",
                wrongVersion.err());
        assertFalse(wrongVersion.err().contains("Exception"));
    }

    private static List<Long> indices(CliRun run) {
        return run.out().lines().map(line -> Long.parseLong(line.trim().split("\\s+")[0])).toList();
    }
}
