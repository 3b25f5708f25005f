package org.xrr.shell.hunt;

/** Where a difference between two runs of a program comes from. */
public enum Source {
    TIME("time"),
    RANDOMNESS("randomness"),
    SCHEDULING("scheduling"),
    CPU("CPU"),
    ENVIRONMENT("environment");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
