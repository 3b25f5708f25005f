package org.xrr.interposer.cpu;

/** Text from untrusted input as messages show it: cut, so that a huge value makes a short line. */
public final class Shown {
    private static final int MAX = 300;

    private Shown() {
    }

    public static String text(String s) {
        return s.length() <= MAX ? s : s.substring(0, MAX) + "... (" + s.length() + " characters)";
    }
}
