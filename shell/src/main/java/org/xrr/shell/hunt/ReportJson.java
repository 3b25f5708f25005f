package org.xrr.shell.hunt;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xrr.shell.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;


/** A hunt's report as JSON. */
final class ReportJson {
    private ReportJson() {
    }

    static ObjectNode of(HuntReport report) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("title", report.title());
        root.put("mode", report.mode());
        ArrayNode rows = root.putArray("rows");
        report.rows().forEach(rows::add);
        ArrayNode columns = root.putArray("columns");
        report.columns().forEach(columns::add);
        ArrayNode cells = root.putArray("cells");
        for (HuntReport.Cell c : report.cells()) {
            cells.add(cell(c));
        }
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(findings::add);
        return root;
    }

    static ObjectNode cell(HuntReport.Cell c) {
        ObjectNode cell = Json.MAPPER.createObjectNode();
        cell.put("row", c.row());
        cell.put("column", c.column());
        cell.put("status", c.status().name().toLowerCase(Locale.ROOT));
        cell.put("summary", c.summary());
        cell.put("details", c.details());
        return cell;
    }

    /** Reads one cell back, as a replay job left it; a bad file is an error naming it. */
    static HuntReport.Cell readCell(Path file) throws IOException {
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            return new HuntReport.Cell(text(node, "row"), text(node, "column"),
                    CellStatus.valueOf(text(node, "status").toUpperCase(Locale.ROOT)), text(node, "summary"), text(node, "details"));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IOException(file + ": not the result of a replay job (" + e.getMessage() + ")", e);
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) {
            throw new IllegalArgumentException("no '" + field + "'");
        }
        return node.get(field).asText();
    }
}
