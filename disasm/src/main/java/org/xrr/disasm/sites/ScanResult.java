package org.xrr.disasm.sites;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The sites of one file, and how they were obtained. */
public record ScanResult(Path file, Optional<String> buildId, List<Site> sites, CacheStatus cache, long nanos) {
}
