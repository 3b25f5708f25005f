package org.xrr.interposer.tracer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a process does with a signal, as /proc/PID/status shows it. */
final class SignalDisposition {
    private SignalDisposition() {
    }

    /** Whether thread {@code tid}'s process has a handler for {@code signal}. */
    static boolean caught(int tid, int signal) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(tid), "status"))) {
                if (line.startsWith("SigCgt:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) >>> (signal - 1) & 1) != 0;
                }
            }
        } catch (IOException e) {
            // The thread is gone: nothing will run its handler.
        }
        return false;
    }
}
