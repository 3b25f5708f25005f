package org.xrr.shell.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.Xcr0;
import org.xrr.interposer.cpu.XsaveLayout;
import org.xrr.shell.Json;

/**
 * What {@code xrr traceinfo} derives from the header's two CPU profiles, spelled out because
 * portability turns on it: the XCR0 and the XSAVE layout the program saw and the recording
 * machine had.
 */
final class XsaveJson {
    private XsaveJson() {
    }

    static ObjectNode derived(CpuProfile presented, CpuProfile host) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("presented_xcr0", Xcr0.describe(presented.xcr0()));
        node.put("host_xcr0", Xcr0.describe(host.xcr0()));
        node.set("presented_xsave_layout", layout(XsaveLayout.of(presented)));
        node.set("host_xsave_layout", layout(XsaveLayout.of(host)));
        return node;
    }

    private static ArrayNode layout(XsaveLayout layout) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (XsaveLayout.Component c : layout.components()) {
            ObjectNode o = list.addObject();
            o.put("component", c.index());
            o.put("name", Xcr0.name(c.index()));
            o.put("size", c.size());
            o.put("offset", Json.hex(c.offset()));
            o.put("aligned_64", c.aligned64());
        }
        return list;
    }
}
