package org.xrr.disasm.objdump;

import org.xrr.disasm.sites.Site;
import org.xrr.disasm.x86.SiteKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The scanner's sites against objdump's, address by address.
 *
 * @param differences one line per address where the two disagree, e.g. {@code 0x1234 xrr=cpuid objdump=-}
 */
public record OracleComparison(int scannerSites, int objdumpSites, List<String> differences) {
    public static OracleComparison of(List<Site> sites, Map<Long, SiteKind> objdump) {
        Map<Long, SiteKind> mine = new TreeMap<>();
        for (Site s : sites) {
            mine.put(s.address(), s.kind());
        }
        TreeSet<Long> addresses = new TreeSet<>(mine.keySet());
        addresses.addAll(objdump.keySet());
        List<String> differences = new ArrayList<>();
        for (long address : addresses) {
            SiteKind a = mine.get(address);
            SiteKind b = objdump.get(address);
            if (!Objects.equals(a, b)) {
                differences.add(String.format("0x%x xrr=%s objdump=%s", address, a == null ? "-" : a.mnemonic(),
                        b == null ? "-" : b.mnemonic()));
            }
        }
        return new OracleComparison(sites.size(), objdump.size(), List.copyOf(differences));
    }

    public boolean matches() {
        return differences.isEmpty();
    }
}
