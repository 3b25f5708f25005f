package org.xrr.shell.hunt;

/** The outcome of one cell of a hunt; the label and colour are what the reports show. */
public enum CellStatus {
    SAME("same", "#2e7d32"),
    DIFFERS("differs", "#c62828"),
    REPLAYS("replays", "#2e7d32"),
    REFUSED("refused", "#ef6c00"),
    DIVERGED("diverged", "#c62828"),
    FAILED("failed", "#6a1b9a");

    private final String label;
    private final String colour;

    CellStatus(String label, String colour) {
        this.label = label;
        this.colour = colour;
    }

    public String label() {
        return label;
    }

    public String colour() {
        return colour;
    }
}
