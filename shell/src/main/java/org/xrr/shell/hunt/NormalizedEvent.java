package org.xrr.shell.hunt;

/**
 * One event of a trace with what may differ between runs of the same program taken out: the
 * thread as the order it appeared in, values read from the clock or a random source left out.
 *
 * @param thread   the thread, numbered by first appearance (1 is the first)
 * @param text     what happened, the same in two runs that behaved the same
 * @param shown    what happened, for people: {@code text} with what it leaves out for being noise
 * @param input    the nondeterministic source this event read, or null
 * @param rawValue a hash of what the event read from {@code input}, to tell whether two runs read the same
 * @param written  the bytes it wrote to descriptor 1 (index 0) and 2 (index 1), to find which event wrote a line
 */
record NormalizedEvent(int thread, String text, String shown, Source input, long rawValue, long[] written) {
    static final long[] NOTHING_WRITTEN = {0, 0};

    String describe() {
        return "thread " + thread + ": " + shown;
    }
}
