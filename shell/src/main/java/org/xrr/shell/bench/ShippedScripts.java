package org.xrr.shell.bench;

import java.nio.file.Path;

/** Where the shipped scripts are: beside the xrr checkout the launcher runs from, or where the build says. */
final class ShippedScripts {
    private ShippedScripts() {
    }

    static Path policies() {
        String scripts = System.getProperty("xrr.scripts.dir");
        if (scripts != null) {
            return Path.of(scripts, "policies");
        }
        String home = System.getProperty("xrr.home");
        return home != null ? Path.of(home, "scripts", "policies") : Path.of("scripts", "policies");
    }
}
