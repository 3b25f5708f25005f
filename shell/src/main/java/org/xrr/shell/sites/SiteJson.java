package org.xrr.shell.sites;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xrr.disasm.process.MappingSites;
import org.xrr.disasm.sites.ScanResult;
import org.xrr.disasm.sites.Site;
import org.xrr.shell.Json;

import java.util.List;

/** The JSON form of scan results. Addresses are hex strings: JSON numbers lose 64-bit precision in many readers. */
final class SiteJson {
    private SiteJson() {
    }

    static ObjectNode of(ScanResult result) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("file", result.file().toString());
        node.put("buildId", result.buildId().orElse(null));
        node.put("cache", result.cache().name().toLowerCase());
        node.put("millis", result.nanos() / 1e6);
        node.set("sites", sites(result.sites()));
        node.set("summary", summary(result.sites()));
        return node;
    }

    static ObjectNode of(int pid, List<MappingSites> mappings) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("pid", pid);
        ArrayNode array = node.putArray("mappings");
        for (MappingSites ms : mappings) {
            ObjectNode m = array.addObject();
            m.put("start", Json.hex(ms.mapping().start()));
            m.put("end", Json.hex(ms.mapping().end()));
            m.put("perms", ms.mapping().perms());
            m.put("offset", Json.hex(ms.mapping().offset()));
            m.put("name", ms.mapping().name());
            m.set("sites", sites(ms.sites()));
        }
        node.set("summary", summary(mappings.stream().flatMap(ms -> ms.sites().stream()).toList()));
        return node;
    }

    private static ArrayNode sites(List<Site> sites) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Site s : sites) {
            ObjectNode n = array.addObject();
            n.put("kind", s.kind().mnemonic());
            n.put("address", Json.hex(s.address()));
            if (s.fileOffset() >= 0) {
                n.put("fileOffset", Json.hex(s.fileOffset()));
            } else {
                n.putNull("fileOffset");
            }
            n.put("length", s.length());
            n.put("bytes", s.hexBytes());
            n.put("symbol", s.symbol());
            n.put("symbolOffset", Json.hex(s.symbolOffset()));
        }
        return array;
    }

    private static ObjectNode summary(List<Site> sites) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        SiteSummary.count(sites).forEach((kind, count) -> n.put(kind.mnemonic(), count));
        n.put("total", sites.size());
        return n;
    }
}
