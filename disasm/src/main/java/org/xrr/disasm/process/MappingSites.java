package org.xrr.disasm.process;

import org.xrr.disasm.sites.Site;

import java.util.List;

/** The sites found in one executable mapping of a process. */
public record MappingSites(Mapping mapping, List<Site> sites) {
}
