package org.xrr.interposer.tracer;

import org.xrr.disasm.elf.ElfFormatException;
import org.xrr.disasm.process.Mapping;
import org.xrr.disasm.process.ProcessMaps;
import org.xrr.disasm.process.ProcessMemory;
import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.CodeImage;
import org.xrr.disasm.sites.ScanOptions;
import org.xrr.disasm.sites.Site;
import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.ptrace.Ptrace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the sites in newly executable memory and replaces their first byte with int3. A file
 * mapping is scanned through the site cache (the file's sites, moved to where it is mapped, each
 * checked against memory); anonymous memory (JIT code) is swept as it is.
 */
final class SiteInstaller {
    /** Bytes per piece of code in the scratch area: a trampoline, or a copy to step. */
    private static final int SLOT = 64;
    /** The scratch area mapped into each process at exec. */
    static final int SCRATCH_SIZE = 64 * 1024;

    private final Ptrace ptrace;
    private final CachedSiteScanner scanner;
    private final Set<SiteKind> kinds;
    private final RunStats stats;
    private final long xcr0;
    private final boolean translating;

    /**
     * @param kinds       the site kinds to patch (CPUID is skipped anyway in a process with CPUID faulting)
     * @param translating the model's XSAVE layout is not this CPU's: the sites that must trap to be
     *                    translated get no trampoline
     */
    SiteInstaller(Ptrace ptrace, CachedSiteScanner scanner, Set<SiteKind> kinds, long xcr0, boolean translating, RunStats stats) {
        this.ptrace = ptrace;
        this.xcr0 = xcr0;
        this.translating = translating;
        this.scanner = scanner;
        this.kinds = kinds;
        this.stats = stats;
    }

    /** Patches the executable mappings that overlap [start, end). */
    void install(Tracee t, long start, long end) throws IOException {
        long began = System.nanoTime();
        AddressSpace space = t.space;
        // Through the stopped thread: the process's leader may have exited and lost its memory map.
        try (ProcessMemory memory = new ProcessMemory(t.tid)) {
            for (Mapping m : ProcessMaps.read(t.tid)) {
                // The scratch page holds xrr's own copies of sites: patching those would trap forever.
                boolean scratch = m.start() == space.scratch;
                if (m.isExecutable() && m.end() > start && m.start() < end && !scratch && !m.path().equals("[vsyscall]")) {
                    installIn(t, m, memory, Math.max(start, m.start()), Math.min(end, m.end()));
                }
            }
        } finally {
            stats.scanNanos += System.nanoTime() - began;
        }
    }

    /**
     * Patches the sites of one mapping in [start, end). Memory at each site must still hold the
     * instruction the scan found (or our int3 over it): relocated or rewritten code is left alone.
     */
    private void installIn(Tracee t, Mapping m, ProcessMemory memory, long start, long end) throws IOException {
        PatchTable patches = t.space.patches;
        List<Site> sites = m.isFile() ? fileSites(m, start, end) : null;
        if (sites == null) {
            sites = sweptSites(t, m, memory, start, end);
        }
        for (Site s : sites) {
            if (!wanted(t.space, s.kind())) {
                continue;
            }
            byte[] now = memory.read(s.address(), s.length());
            Patch prior = patches.find(s.address());
            if (prior != null) {
                if (prior.isIntact(now[0])) {
                    continue;
                }
                // Our patch is gone: this memory was rewritten since.
                patches.removeRange(s.address(), s.address() + 1);
            }
            if (!Arrays.equals(now, s.bytes())) {
                continue;
            }
            if (s.kind().dependsOnXcr0() && !(translating && TrapEmulator.translates(s.kind())) && rewrite(t, s)) {
                continue;
            }
            long outOfLine = s.kind().dependsOnXcr0() ? copyOutOfLine(t, s.bytes()) : 0;
            ptrace.pokeByte(t.tid, s.address(), Patch.INT3);
            stats.sitesPatched++;
            patches.add(new Patch(s.address(), s.kind(), s.bytes()[0], s.length(), outOfLine, false));
        }
    }

    /** Replaces an XSAVE-family site by a jump to a trampoline in the scratch page, if it can hold one. */
    private boolean rewrite(Tracee t, Site s) {
        long slot = t.space.nextScratch(SLOT, SCRATCH_SIZE);
        if (slot == 0) {
            return false;
        }
        Optional<byte[]> code = XsaveTrampoline.build(s.bytes(), s.address(), slot, xcr0);
        if (code.isEmpty() || code.get().length > SLOT) {
            return false;
        }
        t.space.takeScratch(SLOT);
        ptrace.write(t.tid, slot, code.get());
        // Another thread may be running this code, and the jump may straddle two words: an int3
        // first, so that a thread arriving mid-write traps (TrapEmulator sends it to the jump),
        // then the jump's tail, then its opcode over the int3.
        byte[] jump = XsaveTrampoline.jumpTo(s.address(), slot).orElseThrow();
        ptrace.pokeByte(t.tid, s.address(), Patch.INT3);
        ptrace.write(t.tid, s.address() + 1, Arrays.copyOfRange(jump, 1, jump.length));
        ptrace.pokeByte(t.tid, s.address(), jump[0]);
        stats.sitesRewritten++;
        t.space.patches.add(new Patch(s.address(), s.kind(), s.bytes()[0], s.length(), 0, true));
        return true;
    }

    /** The file's sites (from the site cache) moved to where this mapping holds them, or null if the file is no ELF. */
    private List<Site> fileSites(Mapping m, long start, long end) {
        try {
            List<Site> moved = new ArrayList<>();
            for (Site s : scanner.scan(Path.of(m.path()), ScanOptions.DEFAULT).sites()) {
                long address = m.start() + (s.fileOffset() - m.offset());
                if (s.fileOffset() >= m.offset() && address >= start && address + s.length() <= end) {
                    moved.add(new Site(s.kind(), address, s.fileOffset(), s.bytes(), s.symbol(), s.symbolOffset()));
                }
            }
            return moved;
        } catch (ElfFormatException | IOException notAnElf) {
            // Executable but not an ELF we can read (a JIT's file-backed code cache): swept instead.
            return null;
        }
    }

    /** Sites found by sweeping the memory itself, seen with our own int3s taken out. */
    private List<Site> sweptSites(Tracee t, Mapping m, ProcessMemory memory, long start, long end) throws IOException {
        byte[] bytes = memory.read(start, (int) (end - start));
        for (int i = 0; i < bytes.length; i++) {
            Patch p = bytes[i] == Patch.INT3 ? t.space.patches.find(start + i) : null;
            if (p != null) {
                bytes[i] = p.original();
            }
        }
        return scanner.scan(List.of(new CodeImage(m.name(), bytes, start, -1, List.of())), ScanOptions.DEFAULT);
    }

    /**
     * Copies an instruction into the scratch page, followed by int3s, and returns where. An
     * instruction with a RIP-relative operand would address other memory from there: it gets
     * no copy (0) and is stepped in place.
     */
    private long copyOutOfLine(Tracee t, byte[] instruction) {
        long slot = XsaveTrampoline.isRipRelative(instruction) ? 0 : t.space.nextScratch(SLOT, SCRATCH_SIZE);
        if (slot == 0) {
            return 0;
        }
        t.space.takeScratch(SLOT);
        byte[] padded = new byte[instruction.length + 1];
        System.arraycopy(instruction, 0, padded, 0, instruction.length);
        padded[instruction.length] = Patch.INT3;
        ptrace.write(t.tid, slot, padded);
        return slot;
    }

    private boolean wanted(AddressSpace space, SiteKind kind) {
        return kinds.contains(kind) && !(kind == SiteKind.CPUID && space.cpuidFaulting);
    }
}
