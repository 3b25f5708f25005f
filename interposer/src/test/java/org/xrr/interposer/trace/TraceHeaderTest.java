package org.xrr.interposer.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuidTable;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceHeaderTest {
    private static final Path FILE = Path.of("trace", "header.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static TraceHeader sample() {
        CpuidTable host = CpuidTable.builder()
                .put(0x0, 0, 0xd, 0x756e6547, 0x6c65746e, 0x49656e69)
                .put(0x1, 0, 0x306f2, 0, 0x7ffefbff, 0xbfebfbff)
                .put(0xd, 0, 0x7, 0x340, 0x340, 0)
                .build();
        CpuidTable presented = host.toBuilder().put(0x1, 0, 0x306f2, 0, 0x7ffefbff & ~(1 << 28), 0xbfebfbff).build();
        return new TraceHeader("0.1.0", Instant.parse("2025-03-01T10:15:30.123Z"), "/usr/bin/python3",
                List.of("python3", "-c", "print(42)"), List.of("HOME=/root", "LANG=C.UTF-8"), "/root",
                new CpuProfile("presented", "GenuineIntel", "", 0x3, "", "", presented),
                new CpuProfile("Intel(R) Xeon(R) CPU E5-2630 v3", "GenuineIntel", "this machine", 0x7, "", "", host),
                List.of("--mask", "avx"), "6.1.0-18-amd64", "2.36", false);
    }

    @Test
    void writesWhatItReads() throws Exception {
        TraceHeader header = sample();
        String json = header.toJson();
        assertTrue(json.startsWith("{\n  \"format\" : 1,\n"), json);
        assertTrue(json.contains("\"working_directory\" : \"/root\""), json);
        assertTrue(json.contains("\"created\" : \"2025-03-01T10:15:30.123Z\""), json);
        assertTrue(json.contains("\"xcr0\" : \"0x3\""), "profiles in the profile file format: " + json);
        assertEquals(header, TraceHeader.parse(FILE, json));
        assertEquals(header.withPacked(true), TraceHeader.parse(FILE, header.withPacked(true).toJson()));
    }

    @Test
    void fieldsItDoesNotKnowAreIgnored() throws Exception {
        ObjectNode tree = tree();
        tree.put("xsave_translation", "from a later version that kept the format number");
        assertEquals(sample(), TraceHeader.parse(FILE, tree.toString()));
    }

    @Test
    void badHeadersAreOneLineNamingTheFileAndTheProblem() {
        assertProblem("{\"format\": 1, ", "not valid JSON at line 1");
        assertProblem("[]", "expected a JSON object");
        assertProblem("", "expected a JSON object");
        assertProblem(edit(t -> t.remove("format")), "no \"format\" version number: this is not an xrr trace header");
        assertProblem(edit(t -> t.put("format", 2)), "unsupported trace format version 2; this xrr reads version 1");
        assertProblem(edit(t -> t.put("format", "1")), "no \"format\" version number");
        assertProblem(edit(t -> t.remove("argv")), "missing field \"argv\"");
        assertProblem(edit(t -> t.putNull("kernel")), "kernel: null, expected a string");
        assertProblem(edit(t -> t.put("created", "yesterday")), "created: expected an ISO-8601 time");
        assertProblem(edit(t -> t.put("packed", "yes")), "packed: expected true or false");
        assertProblem(edit(t -> t.put("argv", "python3")), "argv: expected an array of strings");
        assertProblem(edit(t -> t.withArray("argv").add(5)), "argv[3]: expected a string");
        assertProblem(edit(t -> t.withArray("argv").addNull()), "argv holds null");
        assertProblem(edit(t -> ((ObjectNode) t.get("host_cpu")).put("xcr0", "seven")),
                "host_cpu: xcr0: not a hex value: \"seven\"");
        assertProblem(edit(t -> ((ObjectNode) t.get("presented_cpu")).remove("leaves")),
                "presented_cpu: missing field \"leaves\"");
    }

    private static void assertProblem(String json, String problem) {
        TraceHeaderException e = assertThrows(TraceHeaderException.class, () -> TraceHeader.parse(FILE, json));
        assertTrue(e.getMessage().startsWith(FILE + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static String edit(Consumer<ObjectNode> change) {
        ObjectNode tree = tree();
        change.accept(tree);
        return tree.toString();
    }

    private static ObjectNode tree() {
        try {
            return (ObjectNode) MAPPER.readTree(sample().toJson());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
