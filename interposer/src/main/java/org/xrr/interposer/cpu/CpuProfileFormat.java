package org.xrr.interposer.cpu;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CPU profile file format: {@code {"name", "vendor", "source", "xcr0", "xcr0_note", "notes",
 * "leaves": [{"leaf", "subleaf", "eax", "ebx", "ecx", "edx"}, ...]}}, every number a hex string.
 *
 * <p>Reading is strict, because a profile decides what a program is told it may execute: every
 * problem is reported with the file and the JSON path of the field, and the first one stops the
 * read. Unknown fields are ignored so that newer files still load.
 */
final class CpuProfileFormat {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final String[] REGISTERS = {"eax", "ebx", "ecx", "edx"};

    private CpuProfileFormat() {
    }

    static CpuProfile parse(String fileName, String json) throws CpuProfileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new CpuProfileException(fileName + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        return fromTree(fileName, root);
    }

    /** Reads a profile already parsed as JSON, e.g. one embedded in another document. */
    static CpuProfile fromTree(String fileName, JsonNode root) throws CpuProfileException {
        return new Reader(fileName).profile(root);
    }

    static String write(CpuProfile profile) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(tree(profile)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    static ObjectNode tree(CpuProfile profile) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", profile.name());
        root.put("vendor", profile.vendor());
        putIfPresent(root, "source", profile.source());
        root.put("xcr0", "0x" + Long.toHexString(profile.xcr0()));
        putIfPresent(root, "xcr0_note", profile.xcr0Note());
        putIfPresent(root, "notes", profile.notes());
        ArrayNode leaves = root.putArray("leaves");
        for (CpuidTable.Entry e : profile.table()) {
            ObjectNode row = leaves.addObject();
            row.put("leaf", "0x" + Integer.toHexString(e.leaf()));
            row.put("subleaf", "0x" + Integer.toHexString(e.subleaf()));
            row.put("eax", String.format("0x%08x", e.eax()));
            row.put("ebx", String.format("0x%08x", e.ebx()));
            row.put("ecx", String.format("0x%08x", e.ecx()));
            row.put("edx", String.format("0x%08x", e.edx()));
        }
        return root;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }

    /** One read of one file; knows the file name for messages. */
    private static final class Reader {
        private final String fileName;

        Reader(String fileName) {
            this.fileName = fileName;
        }

        CpuProfile profile(JsonNode root) throws CpuProfileException {
            if (root == null || root.isMissingNode()) {
                throw problem("the file is empty; expected a JSON object");
            }
            if (!root.isObject()) {
                throw problem("expected a JSON object at the top level, found " + kind(root));
            }
            String name = text(root, "name", true);
            String vendor = text(root, "vendor", true);
            String source = text(root, "source", false);
            long xcr0 = hex(required(root, "xcr0", "xcr0"), "xcr0", 64);
            String xcr0Note = text(root, "xcr0_note", false);
            String notes = text(root, "notes", false);
            CpuidTable table = leaves(required(root, "leaves", "leaves"));
            if (!table.contains(0, 0)) {
                throw problem("leaves: no entry for leaf 0x0, which holds the vendor");
            }
            String leafVendor = CpuIdentity.vendor(table);
            if (!leafVendor.equals(vendor)) {
                throw problem("vendor: \"" + vendor + "\" does not match leaf 0x0, which says \"" + leafVendor + "\"");
            }
            if ((xcr0 & Xcr0.X87) == 0) {
                throw problem("xcr0: " + Xcr0.describe(xcr0) + " lacks x87 (bit 0), which every XCR0 has");
            }
            return new CpuProfile(name, vendor, source, xcr0, xcr0Note, notes, table);
        }

        private CpuidTable leaves(JsonNode leaves) throws CpuProfileException {
            if (!leaves.isArray()) {
                throw problem("leaves: expected an array, found " + kind(leaves));
            }
            CpuidTable.Builder table = CpuidTable.builder();
            Map<Long, Integer> seen = new HashMap<>();
            for (int i = 0; i < leaves.size(); i++) {
                String path = "leaves[" + i + "]";
                JsonNode row = leaves.get(i);
                if (!row.isObject()) {
                    throw problem(path + ": expected an object, found " + kind(row));
                }
                int leaf = (int) hex(required(row, "leaf", path + ".leaf"), path + ".leaf", 32);
                int subleaf = (int) hex(required(row, "subleaf", path + ".subleaf"), path + ".subleaf", 32);
                if (subleaf != 0 && !CpuidTable.isSubleafIndexed(leaf)) {
                    throw problem(String.format("%s.subleaf: leaf 0x%x takes no subleaf, so it must be \"0x0\", not \"0x%x\"",
                            path, leaf, subleaf));
                }
                int[] r = new int[4];
                for (int k = 0; k < 4; k++) {
                    String field = path + "." + REGISTERS[k];
                    r[k] = (int) hex(required(row, REGISTERS[k], field), field, 32);
                }
                Integer earlier = seen.putIfAbsent(((long) leaf << 32) | (subleaf & 0xFFFF_FFFFL), i);
                if (earlier != null) {
                    throw problem(String.format("%s: leaf 0x%x subleaf 0x%x appears twice (first in leaves[%d])",
                            path, leaf, subleaf, earlier));
                }
                table.put(leaf, subleaf, r[0], r[1], r[2], r[3]);
            }
            return table.build();
        }

        private JsonNode required(JsonNode object, String field, String path) throws CpuProfileException {
            JsonNode value = object.get(field);
            if (value == null) {
                throw problem("missing field \"" + path + "\"");
            }
            return value;
        }

        private String text(JsonNode object, String field, boolean required) throws CpuProfileException {
            JsonNode value = object.get(field);
            if (value == null) {
                if (required) {
                    throw problem("missing field \"" + field + "\"");
                }
                return "";
            }
            if (!value.isTextual()) {
                throw problem(field + ": expected a string, found " + kind(value));
            }
            return value.textValue();
        }

        private long hex(JsonNode value, String path, int bits) throws CpuProfileException {
            if (!value.isTextual()) {
                throw problem(path + ": expected a hex string such as \"0x1f\", found " + kind(value));
            }
            String text = value.textValue();
            if (!HEX.matcher(text).matches()) {
                throw problem(path + ": not a hex value: \"" + text + "\"");
            }
            String digits = text.substring(2).replaceFirst("^0+(?=.)", "");
            if (digits.length() > bits / 4) {
                throw problem(path + ": \"" + text + "\" does not fit in " + bits + " bits");
            }
            return Long.parseUnsignedLong(digits, 16);
        }

        private CpuProfileException problem(String message) {
            return new CpuProfileException(fileName + ": " + message);
        }

        private static String kind(JsonNode node) {
            return switch (node.getNodeType()) {
                case NUMBER -> "the number " + node.asText();
                case BOOLEAN -> node.asText();
                case NULL -> "null";
                case STRING -> "a string";
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
            };
        }
    }
}
