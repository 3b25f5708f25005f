package org.xrr.shell.sites;

import org.xrr.disasm.process.MappingSites;
import org.xrr.disasm.sites.ScanResult;
import org.xrr.disasm.sites.Site;
import org.xrr.disasm.x86.SiteKind;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The human-readable form of scan results: a row per site, then the count per kind. */
final class SiteTable {
    private static final String ROW = "  %-10s  %18s  %12s  %3s  %-26s  %s%n";

    private SiteTable() {
    }

    static void print(ScanResult result, PrintWriter out) {
        out.println(result.file());
        out.printf("  build-id %s, %d sites, %.1f ms (cache: %s)%n%n", result.buildId().orElse("none"),
                result.sites().size(), result.nanos() / 1e6, result.cache().name().toLowerCase());
        rows(result.sites(), out);
        summary(result.sites(), out);
    }

    static void print(int pid, List<MappingSites> mappings, PrintWriter out) {
        out.printf("process %d: %d executable mappings%n", pid, mappings.size());
        for (MappingSites ms : mappings) {
            out.printf("%n%x-%x %s %s: %d sites%n", ms.mapping().start(), ms.mapping().end(), ms.mapping().perms(),
                    ms.mapping().name(), ms.sites().size());
            if (!ms.sites().isEmpty()) {
                rows(ms.sites(), out);
            }
        }
        out.println();
        summary(mappings.stream().flatMap(ms -> ms.sites().stream()).toList(), out);
    }

    private static void rows(List<Site> sites, PrintWriter out) {
        out.printf(ROW, "KIND", "ADDRESS", "FILE OFFSET", "LEN", "BYTES", "LOCATION");
        for (Site s : sites) {
            out.printf(ROW, s.kind().mnemonic(), "0x" + Long.toHexString(s.address()),
                    s.fileOffset() < 0 ? "-" : "0x" + Long.toHexString(s.fileOffset()), s.length(), s.hexBytes(),
                    s.location());
        }
        out.println();
    }

    private static void summary(List<Site> sites, PrintWriter out) {
        out.println("  summary:");
        for (Map.Entry<SiteKind, Integer> e : SiteSummary.count(sites).entrySet()) {
            out.printf("    %-10s %6d%n", e.getKey().mnemonic(), e.getValue());
        }
        out.printf("    %-10s %6d%n%n", "total", sites.size());
    }
}
