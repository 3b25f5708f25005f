package org.xrr.interposer.replay;

/**
 * The replay did something other than the recording: the report names the event, what was
 * recorded and what happened, and shows the registers and the code around RIP.
 */
public final class Divergence extends RuntimeException {
    private final long eventIndex;

    Divergence(long eventIndex, String report) {
        super(report);
        this.eventIndex = eventIndex;
    }

    /** Index of the recorded event at which replay diverged. */
    public long eventIndex() {
        return eventIndex;
    }
}
