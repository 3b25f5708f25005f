package org.xrr.interposer.trace;

/** What a signal did to the thread it was delivered to. */
public enum SignalOutcome {
    /** The thread received it: a handler ran (the kernel wrote a signal frame), or it was ignored. */
    DELIVERED,
    /** It killed the process. */
    FATAL
}
