package org.xrr.shell.session;

import org.xrr.interposer.debug.TaskInspector;
import org.xrr.interposer.ptrace.Registers;

import java.util.Locale;

/** Addresses as the inspecting commands take them: a number, or a register's name ({@code rsp}, {@code $rip}). */
final class Addresses {
    private Addresses() {
    }

    static long resolve(String text, TaskInspector task, String what) {
        int register = Registers.indexOf(text.toLowerCase(Locale.ROOT).replaceFirst("^\\$", ""));
        if (register >= 0) {
            return task.register(register);
        }
        return Numbers.parse(text, what);
    }
}
