package org.xrr.shell.session;

import org.xrr.shell.UserError;

/** Numbers as the session commands take them: decimal, or hexadecimal with {@code 0x}. */
final class Numbers {
    private Numbers() {
    }

    /** @param what names the argument in the error, e.g. {@code "x: address"} */
    static long parse(String text, String what) {
        try {
            String t = text.strip();
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new UserError(what + ": '" + text + "' is not a number (decimal, or hex with 0x)");
        }
    }
}
