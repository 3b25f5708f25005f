package org.xrr.shell.bench;

import java.nio.file.Path;

/**
 * Where the shipped scripts and native workloads are: in the xrr checkout the launcher runs
 * from, or where the build says.
 */
final class ShippedScripts {
    private ShippedScripts() {
    }

    static Path policies() {
        String scripts = System.getProperty("xrr.scripts.dir");
        if (scripts != null) {
            return Path.of(scripts, "policies");
        }
        return home().resolve("scripts").resolve("policies");
    }

    /** A program native/ builds, such as a benchmark workload. */
    static Path nativeProgram(String name) {
        String dir = System.getProperty("xrr.native.dir");
        return dir != null ? Path.of(dir, name) : home().resolve("native/target/bin").resolve(name);
    }

    private static Path home() {
        String home = System.getProperty("xrr.home");
        return home != null ? Path.of(home) : Path.of("");
    }
}
