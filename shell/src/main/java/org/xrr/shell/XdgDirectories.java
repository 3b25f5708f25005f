package org.xrr.shell;

import java.nio.file.Path;

/** xrr's directories under the XDG base directories, each falling back to its specification default. */
public final class XdgDirectories {
    private XdgDirectories() {
    }

    public static Path cache() {
        return base("XDG_CACHE_HOME", ".cache").resolve("xrr");
    }

    /** Where the site cache lives. */
    public static Path siteCache() {
        return cache().resolve("sites");
    }

    /** Where models computed by policies are kept, so a repeated session runs no JavaScript. */
    public static Path policyCache() {
        return cache().resolve("policies");
    }

    /** Where the hashes of files that recordings map are kept. */
    public static Path fileHashes() {
        return cache().resolve("hashes");
    }

    public static Path config() {
        return base("XDG_CONFIG_HOME", ".config").resolve("xrr");
    }

    public static Path data() {
        return base("XDG_DATA_HOME", ".local/share").resolve("xrr");
    }

    /** Where recorded traces go unless told otherwise. */
    public static Path traces() {
        return data().resolve("traces");
    }

    private static Path base(String variable, String fallback) {
        String value = System.getenv(variable);
        // The specification says a relative value is invalid and must be ignored.
        if (value != null && !value.isEmpty() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        return Path.of(System.getProperty("user.home")).resolve(fallback);
    }
}
