package org.xrr.shell.hunt;

import java.io.PrintWriter;
import java.util.List;

/** A hunt's report as a text table: a row per profile or target, a column per feature, policy or run. */
final class ReportText {
    private static final int MAX_CELL = 60;

    private ReportText() {
    }

    static void print(HuntReport report, PrintWriter out) {
        out.println(report.title());
        List<String> columns = report.columns();
        int rowWidth = Math.max(4, report.rows().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder header = new StringBuilder(String.format("%-" + rowWidth + "s", ""));
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            widths[c] = column.length();
            for (String row : report.rows()) {
                widths[c] = Math.max(widths[c], text(report.cell(row, column)).length());
            }
            header.append("  ").append(String.format("%-" + widths[c] + "s", column));
        }
        out.println(header.toString().stripTrailing());
        for (String row : report.rows()) {
            StringBuilder line = new StringBuilder(String.format("%-" + rowWidth + "s", row));
            for (int c = 0; c < columns.size(); c++) {
                line.append("  ").append(String.format("%-" + widths[c] + "s", text(report.cell(row, columns.get(c)))));
            }
            out.println(line.toString().stripTrailing());
        }
        for (HuntReport.Cell cell : report.cells()) {
            if (cell.status() != CellStatus.SAME && cell.status() != CellStatus.REPLAYS) {
                out.println(cell.row() + " / " + cell.column() + ": " + cell.details());
            }
        }
        report.findings().forEach(out::println);
        out.flush();
    }

    private static String text(HuntReport.Cell cell) {
        if (cell == null) {
            return "-";
        }
        String s = cell.status().label() + (cell.summary().isEmpty() ? "" : ": " + cell.summary());
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 3) + "...";
    }
}
