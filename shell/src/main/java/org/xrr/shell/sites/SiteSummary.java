package org.xrr.shell.sites;

import org.xrr.disasm.sites.Site;
import org.xrr.disasm.x86.SiteKind;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Sites counted per kind, in the catalogue's order, kinds with no site left out. */
final class SiteSummary {
    private SiteSummary() {
    }

    static Map<SiteKind, Integer> count(List<Site> sites) {
        Map<SiteKind, Integer> counts = new EnumMap<>(SiteKind.class);
        for (Site s : sites) {
            counts.merge(s.kind(), 1, Integer::sum);
        }
        return counts;
    }
}
