package org.xrr.shell.session;

import org.xrr.shell.UserError;

/** The check of a count argument of the moving commands. */
final class Counted {
    private Counted() {
    }

    static void positive(long count, String command) {
        if (count < 1) {
            throw new UserError(command + ": N must be at least 1, not " + count);
        }
    }
}
