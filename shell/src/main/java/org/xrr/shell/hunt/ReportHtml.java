package org.xrr.shell.hunt;

import java.util.List;
import java.util.Locale;

/**
 * A hunt's report as one self-contained HTML page: the matrix drawn as coloured cells, each with
 * its summary on hover and its details below the table on click. The page is well-formed XML
 * (XHTML), so that it can be checked by a parser and not only looked at.
 */
final class ReportHtml {
    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em; }
            table { border-collapse: collapse; }
            th, td { border: 1px solid #999; padding: 4px 8px; }
            td.cell { color: white; cursor: pointer; min-width: 5em; text-align: center; }
            td.empty { background: #eee; }
            #details { white-space: pre-wrap; font-family: monospace; margin-top: 1em; padding: 1em; background: #f4f4f4; }
            """;
    private static final String SCRIPT = """
            document.querySelectorAll('td.cell').forEach(function (td) {
              td.addEventListener('click', function () {
                document.getElementById('details').textContent =
                  td.dataset.row + ' / ' + td.dataset.column + '\\n' + td.dataset.details;
              });
            });
            """;

    private ReportHtml() {
    }

    static String of(HuntReport report) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(escape(report.title())).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(report.title())).append("</h1>\n<table id=\"matrix\" data-mode=\"").append(escape(report.mode()))
                .append("\">\n<tr><th></th>");
        List<String> columns = report.columns();
        for (String column : columns) {
            h.append("<th>").append(escape(column)).append("</th>");
        }
        h.append("</tr>\n");
        for (String row : report.rows()) {
            h.append("<tr><th>").append(escape(row)).append("</th>");
            for (String column : columns) {
                HuntReport.Cell cell = report.cell(row, column);
                if (cell == null) {
                    h.append("<td class=\"empty\"></td>");
                    continue;
                }
                h.append("<td class=\"cell\" data-status=\"").append(cell.status().name().toLowerCase(Locale.ROOT))
                        .append("\" style=\"background: ").append(cell.status().colour())
                        .append("\" title=\"").append(escape(cell.summary()))
                        .append("\" data-row=\"").append(escape(row)).append("\" data-column=\"").append(escape(column))
                        .append("\" data-details=\"").append(escape(cell.details())).append("\">")
                        .append(escape(cell.status().label())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<ul id=\"findings\">\n");
        for (String finding : report.findings()) {
            h.append("<li>").append(escape(finding)).append("</li>\n");
        }
        h.append("</ul>\n<div id=\"details\">Click a cell for its details.</div>\n<script>//<![CDATA[\n").append(SCRIPT)
                .append("//]]></script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                default -> {
                    if (c < 0x20 && c != '\t') {
                        out.append("&#xfffd;");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
