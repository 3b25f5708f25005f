package org.xrr.disasm.sites;

/** What the site cache did for one file. */
public enum CacheStatus {
    /** --no-cache: neither read nor written. */
    BYPASSED,
    /** A valid entry answered. */
    HIT,
    /** No entry yet: scanned and stored. */
    MISS,
    /** The entry was for another version of the file or of xrr: scanned and replaced. */
    STALE,
    /** The entry failed its checksum or did not parse: scanned and replaced. */
    CORRUPT
}
