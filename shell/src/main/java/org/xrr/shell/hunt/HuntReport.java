package org.xrr.shell.hunt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a hunt found, as a matrix: one row per profile or target, one column per feature, policy
 * or run, and in each cell an outcome with a one-line summary and its details. The text table,
 * the JSON and the HTML page are all drawn from this.
 */
public final class HuntReport {
    /** One cell: its outcome, a line for the table, and the whole story for the details. */
    public record Cell(String row, String column, CellStatus status, String summary, String details) {
    }

    private final String title;
    private final String mode;
    private final List<String> rows = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();
    private final Map<String, Cell> cells = new LinkedHashMap<>();
    private final List<String> findings = new ArrayList<>();

    public HuntReport(String title, String mode) {
        this.title = title;
        this.mode = mode;
    }

    public synchronized HuntReport add(Cell cell) {
        if (!rows.contains(cell.row())) {
            rows.add(cell.row());
        }
        if (!columns.contains(cell.column())) {
            columns.add(cell.column());
        }
        cells.put(key(cell.row(), cell.column()), cell);
        return this;
    }

    /** A conclusion of the hunt, printed after the matrix. */
    public synchronized HuntReport finding(String line) {
        findings.add(line);
        return this;
    }

    public String title() {
        return title;
    }

    public String mode() {
        return mode;
    }

    public synchronized List<String> rows() {
        return List.copyOf(rows);
    }

    public synchronized List<String> columns() {
        return List.copyOf(columns);
    }

    public synchronized List<String> findings() {
        return List.copyOf(findings);
    }

    /** The cell at (row, column), or null where the hunt had nothing to run. */
    public synchronized Cell cell(String row, String column) {
        return cells.get(key(row, column));
    }

    public synchronized List<Cell> cells() {
        return List.copyOf(cells.values());
    }

    private static String key(String row, String column) {
        return row + "\u0000" + column;
    }
}
