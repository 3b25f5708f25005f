package org.xrr.interposer.cpu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuProfileTest {
    @TempDir
    Path tmp;

    static List<String> profiles() {
        return Profiles.all();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void readsEveryProfile(String file) {
        CpuProfile p = Profiles.load(file);
        RawProfile raw = RawProfile.read(file);
        assertFalse(p.name().isEmpty());
        assertTrue(p.vendor().equals("GenuineIntel") || p.vendor().equals("AuthenticAMD"), p.vendor());
        assertEquals(raw.xcr0(), p.xcr0());
        assertFalse(p.source().isEmpty());
        assertFalse(p.xcr0Note().isEmpty());
        assertFalse(p.notes().isEmpty());
        assertEquals(raw.reg(0x1, 0, "ecx"), p.table().get(0x1, 0, CpuidRegister.ECX));
        assertEquals(raw.reg(0xD, 1, "ebx"), p.table().get(0xD, 1, CpuidRegister.EBX));
        assertTrue(p.table().size() > 20);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void writesWhatItReads(String file) throws Exception {
        CpuProfile p = Profiles.load(file);
        Path copy = tmp.resolve(file);
        p.write(copy);
        assertEquals(p, CpuProfile.load(copy));
        assertEquals(Files.readString(Profiles.path(file)), Files.readString(copy), "the same file, byte for byte");
    }

    @Test
    void writesThisMachinesKindOfProfile() throws Exception {
        CpuidTable table = CpuidTable.builder()
                .put(0x0, 0, 0xd, 0x756e6547, 0x6c65746e, 0x49656e69)
                .put(0x1, 0, 0x306f2, 0, 0x7ffefbff, 0xbfebfbff)
                .build();
        CpuProfile p = new CpuProfile("probe", "GenuineIntel", "", 0x7, "", "", table);
        String json = p.toJson();
        assertTrue(json.contains("\"xcr0\": \"0x7\""), json);
        assertTrue(json.contains("\"ecx\": \"0x7ffefbff\""), json);
        assertTrue(json.contains("\"eax\": \"0x0000000d\""), json);
        assertFalse(json.contains("source"), "empty optional fields are left out");
        assertEquals(p, CpuProfile.parse("probe.json", json));
    }

    @Test
    void namesTheFieldOfABadHexValue() throws IOException {
        Path f = variant("haswell.json", root -> ((ObjectNode) root.withArray("leaves").get(3)).put("eax", "0xzz"));
        assertProblem(f, "haswell.json: leaves[3].eax: not a hex value: \"0xzz\"");
    }

    @Test
    void namesAMissingField() throws IOException {
        assertProblem(variant("noxcr0.json", root -> root.remove("xcr0")), "noxcr0.json: missing field \"xcr0\"");
        assertProblem(variant("noleaf.json", root -> ((ObjectNode) root.withArray("leaves").get(2)).remove("leaf")),
                "noleaf.json: missing field \"leaves[2].leaf\"");
        assertProblem(variant("noname.json", root -> root.remove("name")), "noname.json: missing field \"name\"");
    }

    @Test
    void givesTheLineAndColumnOfBrokenJson() throws IOException {
        Path f = Files.writeString(tmp.resolve("broken.json"), "{\n \"name\": \"x\",\n \"vendor\" \"GenuineIntel\"\n}\n");
        CpuProfileException e = assertThrows(CpuProfileException.class, () -> CpuProfile.load(f));
        assertTrue(e.getMessage().startsWith("broken.json: not valid JSON at line 3, column 11: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void refusesWrongTypesAndSizes() throws IOException {
        assertProblem(variant("num.json", root -> ((ObjectNode) root.withArray("leaves").get(0)).put("ebx", 1234)),
                "num.json: leaves[0].ebx: expected a hex string such as \"0x1f\", found the number 1234");
        assertProblem(variant("wide.json", root -> ((ObjectNode) root.withArray("leaves").get(1)).put("edx", "0x100000000")),
                "wide.json: leaves[1].edx: \"0x100000000\" does not fit in 32 bits");
        assertProblem(variant("leaves.json", root -> root.put("leaves", "none")),
                "leaves.json: leaves: expected an array, found a string");
        assertProblem(variant("row.json", root -> root.withArray("leaves").insert(0, 7)),
                "row.json: leaves[0]: expected an object, found the number 7");
        assertProblem(variant("vendor.json", root -> root.put("vendor", 42)),
                "vendor.json: vendor: expected a string, found the number 42");
        Path array = Files.writeString(tmp.resolve("array.json"), "[]");
        assertProblem(array, "array.json: expected a JSON object at the top level, found an array");
        Path empty = Files.writeString(tmp.resolve("empty.json"), "");
        assertProblem(empty, "empty.json: the file is empty; expected a JSON object");
    }

    @Test
    void refusesInconsistentContent() throws IOException {
        int rows = new ObjectMapper().readTree(Files.readString(Profiles.path(Profiles.HASWELL))).get("leaves").size();
        assertProblem(variant("dup.json", root -> {
            ArrayNode leaves = root.withArray("leaves");
            leaves.add(leaves.get(4).deepCopy());
        }), "dup.json: leaves[" + rows + "]: leaf 0x4 subleaf 0x0 appears twice (first in leaves[4])");
        assertProblem(variant("sub.json", root -> ((ObjectNode) root.withArray("leaves").get(1)).put("subleaf", "0x1")),
                "sub.json: leaves[1].subleaf: leaf 0x1 takes no subleaf, so it must be \"0x0\", not \"0x1\"");
        assertProblem(variant("amd.json", root -> root.put("vendor", "AuthenticAMD")),
                "amd.json: vendor: \"AuthenticAMD\" does not match leaf 0x0, which says \"GenuineIntel\"");
        assertProblem(variant("x87.json", root -> root.put("xcr0", "0x6")),
                "x87.json: xcr0: 0x6 (SSE|AVX) lacks x87 (bit 0), which every XCR0 has");
        Path twice = Files.writeString(tmp.resolve("twice.json"), "{\n \"name\": \"a\",\n \"name\": \"b\"\n}");
        assertProblem(twice, "twice.json: not valid JSON at line 3, column 8: Duplicate field 'name'");
    }

    @Test
    void namesTheFileItCannotRead() {
        CpuProfileException e = assertThrows(CpuProfileException.class, () -> CpuProfile.load(tmp.resolve("absent.json")));
        assertTrue(e.getMessage().startsWith("absent.json: cannot read "), e.getMessage());
    }

    /** The Haswell profile with one edit, written to the temporary directory as {@code name}. */
    private Path variant(String name, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(Files.readString(Profiles.path(Profiles.HASWELL)));
        edit.accept(root);
        return Files.writeString(tmp.resolve(name), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static void assertProblem(Path file, String expected) {
        CpuProfileException e = assertThrows(CpuProfileException.class, () -> CpuProfile.load(file));
        assertEquals(expected, e.getMessage());
    }
}
