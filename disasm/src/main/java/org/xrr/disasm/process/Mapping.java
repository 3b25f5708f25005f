package org.xrr.disasm.process;

/** One line of /proc/PID/maps. {@code path} is empty for anonymous memory. */
public record Mapping(long start, long end, String perms, long offset, long inode, String path) {
    public boolean isExecutable() {
        return perms.length() >= 3 && perms.charAt(2) == 'x';
    }

    public long size() {
        return end - start;
    }

    /** Backed by a file that still exists under that name. */
    public boolean isFile() {
        return inode != 0 && path.startsWith("/") && !path.endsWith(" (deleted)");
    }

    public String name() {
        return path.isEmpty() ? "[anonymous]" : path;
    }
}
