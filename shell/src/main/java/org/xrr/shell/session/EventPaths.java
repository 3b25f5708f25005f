package org.xrr.shell.session;

import org.xrr.interposer.debug.SteppableReplay;
import org.xrr.interposer.debug.Stop;
import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.MappedFileEvent;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.trace.TraceEvent;

import java.util.OptionalInt;

/** The path an event names: the file of an exec or a file mapping, or the path argument of a syscall. */
public final class EventPaths {
    private static final int PATH_MAX = 4096;

    private EventPaths() {
    }

    /** The file an exec or a file mapping names, which the trace holds; null for other events. */
    public static String file(TraceEvent e) {
        return e instanceof ExecEvent x ? x.path() : e instanceof MappedFileEvent m ? m.file().path() : null;
    }

    /** Whether {@code e} names a path, in the trace or in the program's memory. */
    public static boolean names(TraceEvent e) {
        return file(e) != null || e instanceof SyscallEvent c && PathArguments.of(c.number()).isPresent();
    }

    /** The path the event {@code replay} is held at names, read from the task for a syscall; null if it names none. */
    public static String at(SteppableReplay replay) throws InterruptedException {
        Stop s = replay.position();
        if (s == null) {
            return null;
        }
        String file = file(s.event());
        if (file != null || !(s.event() instanceof SyscallEvent c)) {
            return file;
        }
        OptionalInt argument = PathArguments.of(c.number());
        if (argument.isEmpty()) {
            return null;
        }
        long address = c.arg(argument.getAsInt());
        return replay.inspect(t -> t.readString(address, PATH_MAX));
    }
}
