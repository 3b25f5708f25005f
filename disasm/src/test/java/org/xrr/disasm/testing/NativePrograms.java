package org.xrr.disasm.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The programs native/ builds, found through the {@code xrr.native.dir} property the build sets. */
public final class NativePrograms {
    private NativePrograms() {
    }

    public static Path path(String name) {
        String dir = System.getProperty("xrr.native.dir");
        if (dir == null) {
            throw new IllegalStateException("xrr.native.dir is not set: run the tests through Maven");
        }
        Path p = Path.of(dir, name);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " is missing: the build's native step did not run");
        }
        return p;
    }

    public static Path timeprobe() {
        return path("timeprobe");
    }

    public static Path cpuprobe() {
        return path("cpuprobe");
    }
}
