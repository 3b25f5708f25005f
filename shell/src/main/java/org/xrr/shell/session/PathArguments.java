package org.xrr.shell.session;

import org.xrr.interposer.syscall.SyscallTable;

import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Which argument of a syscall is the path it acts on. The trace keeps what syscalls returned
 * and wrote, not the strings they were given, so a path is read from the replayed program's
 * memory while it is held at the call.
 */
public final class PathArguments {
    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("open", 0), Map.entry("openat", 1), Map.entry("openat2", 1), Map.entry("creat", 0),
            Map.entry("stat", 0), Map.entry("lstat", 0), Map.entry("newfstatat", 1), Map.entry("statx", 1),
            Map.entry("access", 0), Map.entry("faccessat", 1), Map.entry("faccessat2", 1),
            Map.entry("execve", 0), Map.entry("execveat", 1), Map.entry("readlink", 0), Map.entry("readlinkat", 1),
            Map.entry("chdir", 0), Map.entry("mkdir", 0), Map.entry("mkdirat", 1), Map.entry("unlink", 0),
            Map.entry("unlinkat", 1), Map.entry("rmdir", 0), Map.entry("truncate", 0), Map.entry("chmod", 0),
            Map.entry("fchmodat", 1), Map.entry("chown", 0), Map.entry("lchown", 0), Map.entry("fchownat", 1),
            Map.entry("statfs", 0), Map.entry("utimensat", 1), Map.entry("getxattr", 0), Map.entry("lgetxattr", 0),
            Map.entry("listxattr", 0), Map.entry("llistxattr", 0), Map.entry("inotify_add_watch", 1));
    private static final Map<Integer, Integer> BY_NUMBER = BY_NAME.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(e -> SyscallTable.require(e.getKey()), Map.Entry::getValue));

    private PathArguments() {
    }

    /** The index of the path argument of syscall {@code number}; empty for a syscall that takes none. */
    public static OptionalInt of(int number) {
        Integer i = BY_NUMBER.get(number);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }
}
