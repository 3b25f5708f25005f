package org.xrr.interposer.debug;

/** Where a {@link SteppableReplay} is. */
public enum ReplayState {
    /** Not started: before the first event. */
    NOT_STARTED,
    /** Running on its thread. */
    RUNNING,
    /** Held at an event boundary, the tasks stopped and open to inspection. */
    PAUSED,
    /** Held where it diverged, before the tasks are killed, open to inspection. */
    DIVERGED,
    /** Over: the program ended, the replay diverged at the end or failed, or it was closed. */
    ENDED
}
