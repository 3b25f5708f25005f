package org.xrr.interposer.pack;

import org.xrr.interposer.trace.FileIdentity;
import org.xrr.interposer.trace.TraceDirectory;

import java.nio.file.Path;

/** Where a trace keeps the copy of a file: {@code files/<SHA-256 in hex>}, so equal contents share one copy. */
public final class PackedFiles {
    private PackedFiles() {
    }

    public static Path copyOf(TraceDirectory trace, FileIdentity file) {
        return trace.filesDirectory().resolve(file.sha256Hex());
    }
}
