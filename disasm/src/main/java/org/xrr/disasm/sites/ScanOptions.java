package org.xrr.disasm.sites;

/** @param syscalls also report SYSCALL instructions */
public record ScanOptions(boolean syscalls) {
    public static final ScanOptions DEFAULT = new ScanOptions(false);
}
