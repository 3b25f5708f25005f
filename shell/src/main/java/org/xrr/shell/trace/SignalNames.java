package org.xrr.shell.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** Linux's names of the x86-64 signals, as {@code kill -l} prints them. */
public final class SignalNames {
    private static final String[] NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",
        "SIGSYS",
    };
    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    private SignalNames() {
    }

    /** The number of a signal named as {@link #of} names it, with or without {@code SIG}, or given as a number. */
    public static OptionalInt number(String name) {
        if (name.matches("\\d{1,2}")) {
            int n = Integer.parseInt(name);
            return n > 0 && n <= SIGRTMAX ? OptionalInt.of(n) : OptionalInt.empty();
        }
        String full = name.toUpperCase(Locale.ROOT).startsWith("SIG") ? name.toUpperCase(Locale.ROOT) : "SIG" + name.toUpperCase(Locale.ROOT);
        for (int n = 1; n <= SIGRTMAX; n++) {
            if (of(n).equals(full)) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    /** Every signal's name, for completion. */
    public static List<String> all() {
        List<String> all = new ArrayList<>();
        for (int n = 1; n <= SIGRTMAX; n++) {
            if (n < NAMES.length || n >= SIGRTMIN) {
                all.add(of(n));
            }
        }
        return all;
    }

    public static String of(int signal) {
        if (signal > 0 && signal < NAMES.length) {
            return NAMES[signal];
        }
        if (signal >= SIGRTMIN && signal <= SIGRTMAX) {
            return signal == SIGRTMIN ? "SIGRTMIN" : "SIGRTMIN+" + (signal - SIGRTMIN);
        }
        return "signal " + signal;
    }
}
