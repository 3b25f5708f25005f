package org.xrr.shell.hunt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xrr.shell.Json;


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
        cell.put("status", c.status().name().toLowerCase());
        cell.put("summary", c.summary());
        cell.put("details", c.details());
        return cell;
    }
}
