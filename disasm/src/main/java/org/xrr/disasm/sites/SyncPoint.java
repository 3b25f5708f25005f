package org.xrr.disasm.sites;

/** An address where a linear sweep starts afresh, as objdump does at every symbol. */
public record SyncPoint(long address, String symbol) {
}
