package org.xrr.shell.run;

import java.util.Optional;

/**
 * What bash prints when a foreground job dies of a signal: nothing for SIGINT and SIGPIPE
 * (the user pressed Ctrl-C; a pipe reader went away), the signal's description otherwise.
 */
final class DeathReport {
    private static final String[] DESCRIPTIONS = {
        null, "Hangup", null, "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted", "Bus error",
        "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault", "User defined signal 2",
        null, "Alarm clock", "Terminated", "Stack fault", null, null, "Stopped (signal)", "Stopped", null, null, null,
        "CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired", "Profiling timer expired",
        null, "I/O possible", "Power failure", "Bad system call",
    };

    private DeathReport() {
    }

    static Optional<String> of(int signal, boolean coreDumped) {
        if (signal == 0) {
            return Optional.empty();
        }
        String text = signal > 0 && signal < DESCRIPTIONS.length ? DESCRIPTIONS[signal] : "Unknown signal " + signal;
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(coreDumped ? text + " (core dumped)" : text);
    }
}
