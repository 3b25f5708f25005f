package org.xrr.interposer.trace;

/** The checks event constructors share; a failed check is an {@link IllegalArgumentException}. */
final class Validation {
    private Validation() {
    }

    static void tid(int tid) {
        if (tid <= 0) {
            throw new IllegalArgumentException("thread id " + tid + " is not positive");
        }
    }

    static void length(String what, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has " + actual + " bytes or values, not " + expected);
        }
    }
}
