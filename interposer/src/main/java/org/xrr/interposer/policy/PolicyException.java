package org.xrr.interposer.policy;

/**
 * A policy that cannot be used. The message is one line for the user and names the policy and,
 * where there is one, the place in it ({@code rr-compat.js:7}); {@link #kind()} says what went
 * wrong, so that callers and tests can tell the cases apart.
 */
public final class PolicyException extends Exception {
    public enum Kind {
        /** The file is missing, unreadable or not text. */
        UNREADABLE,
        /** The script does not parse. */
        SYNTAX,
        /** The script threw an exception. */
        THROWN,
        /** The script ran past its time bound. */
        TIME,
        /** The script allocated past its memory bound. */
        MEMORY,
        /** The script tried to reach Java, files, processes or another language. */
        SANDBOX,
        /** The script ran, but what it asked for cannot be built: an unknown feature, a bad XCR0. */
        INVALID
    }

    private final Kind kind;

    PolicyException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    static PolicyException unreadable(String message) {
        return new PolicyException(Kind.UNREADABLE, message);
    }

    public Kind kind() {
        return kind;
    }
}
