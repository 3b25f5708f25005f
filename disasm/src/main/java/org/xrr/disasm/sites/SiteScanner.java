package org.xrr.disasm.sites;

import org.xrr.disasm.elf.ElfFile;
import org.xrr.disasm.elf.ElfFormatException;
import org.xrr.disasm.x86.CapstoneSweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the sites in code: a byte pre-filter proposes candidates, an objdump-compatible linear
 * sweep of just the regions that hold them confirms each one. Not thread-safe.
 */
public final class SiteScanner implements AutoCloseable {
    private static final int DECODE_BATCH = 256;

    private final CapstoneSweep decoder = new CapstoneSweep(DECODE_BATCH);
    private final LinearSweep sweep = new LinearSweep(decoder);

    public List<Site> scan(ElfFile elf, ScanOptions options) throws ElfFormatException {
        return scan(ElfCodeImages.of(elf), options);
    }

    public List<Site> scan(List<CodeImage> images, ScanOptions options) {
        List<Site> sites = new ArrayList<>();
        for (CodeImage image : images) {
            sweep.sweep(image, CandidateFilter.find(image.bytes(), options.syscalls()), sites);
        }
        sites.sort(Comparator.comparingLong(Site::address));
        return sites;
    }

    @Override
    public void close() {
        decoder.close();
    }
}
