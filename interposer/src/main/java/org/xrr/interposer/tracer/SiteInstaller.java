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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Finds the sites in newly executable memory and replaces their first byte with int3. A file
 * mapping is scanned through the site cache (the file's sites, moved to where it is mapped, each
 * checked against memory); anonymous memory (JIT code) is swept as it is.
 */
final class SiteInstaller {
    private static final byte INT3 = (byte) 0xcc;
    /** Bytes per out-of-line copy: the longest x86 instruction is 15. */
    private static final int SLOT = 16;
    static final int PAGE = 4096;

    private final Ptrace ptrace;
    private final CachedSiteScanner scanner;
    private final Set<SiteKind> kinds;
    private final RunStats stats;

    /** @param kinds the site kinds to patch (CPUID is skipped anyway in a process with CPUID faulting) */
    SiteInstaller(Ptrace ptrace, CachedSiteScanner scanner, Set<SiteKind> kinds, RunStats stats) {
        this.ptrace = ptrace;
        this.scanner = scanner;
        this.kinds = kinds;
        this.stats = stats;
    }

    /** Patches the executable mappings that overlap [start, end). */
    void install(Tracee t, long start, long end) throws IOException {
        long began = System.nanoTime();
        AddressSpace space = t.space;
        try (ProcessMemory memory = new ProcessMemory(space.pid)) {
            for (Mapping m : ProcessMaps.read(space.pid)) {
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

    private void installIn(Tracee t, Mapping m, ProcessMemory memory, long start, long end) throws IOException {
        PatchTable patches = t.space.patches;
        byte[] bytes = memory.read(start, (int) (end - start));
        List<Patch> previous = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            Patch p = bytes[i] == INT3 ? patches.find(start + i) : null;
            if (p != null) {
                previous.add(p);
                bytes[i] = p.original();
            }
        }
        patches.removeRange(start, end);
        for (Site s : sitesIn(m, bytes, start, end)) {
            if (!wanted(t.space, s.kind())) {
                continue;
            }
            int at = (int) (s.address() - start);
            if (at + s.length() > bytes.length || !Arrays.equals(bytes, at, at + s.length(), s.bytes(), 0, s.length())) {
                continue;
            }
            Patch prior = previous.stream().filter(p -> p.address() == s.address()).findFirst().orElse(null);
            if (prior != null) {
                patches.add(prior);
                continue;
            }
            long outOfLine = s.kind().dependsOnXcr0() ? copyOutOfLine(t, s.bytes()) : 0;
            ptrace.pokeByte(t.tid, s.address(), INT3);
            stats.sitesPatched++;
            patches.add(new Patch(s.address(), s.kind(), s.bytes()[0], s.length(), outOfLine));
        }
    }

    /**
     * Copies an instruction into the scratch page, followed by int3s, and returns where. An
     * instruction with a RIP-relative operand would address other memory from there: it gets
     * no copy (0) and is stepped in place.
     */
    private long copyOutOfLine(Tracee t, byte[] instruction) {
        AddressSpace space = t.space;
        if (space.scratch == 0 || space.scratchUsed + SLOT > PAGE || isRipRelative(instruction)) {
            return 0;
        }
        long slot = space.scratch + space.scratchUsed;
        space.scratchUsed += SLOT;
        byte[] padded = new byte[SLOT];
        Arrays.fill(padded, INT3);
        System.arraycopy(instruction, 0, padded, 0, instruction.length);
        ByteBuffer words = ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < SLOT; i += 8) {
            ptrace.poke(t.tid, slot + i, words.getLong(i));
        }
        return slot;
    }

    /** ModRM of a 0F xx instruction after its prefixes: mod 00 with r/m 101 is [RIP + disp32]. */
    private static boolean isRipRelative(byte[] instruction) {
        int at = 0;
        while (at < instruction.length && isPrefix(instruction[at] & 0xff)) {
            at++;
        }
        int modrm = at + 2;
        return modrm < instruction.length && (instruction[modrm] & 0xc7) == 0x05;
    }

    private static boolean isPrefix(int b) {
        return b == 0x66 || b == 0x67 || b == 0xf2 || b == 0xf3 || (b >= 0x40 && b <= 0x4f);
    }

    private List<Site> sitesIn(Mapping m, byte[] bytes, long start, long end) {
        if (m.isFile()) {
            try {
                List<Site> moved = new ArrayList<>();
                for (Site s : scanner.scan(Path.of(m.path()), ScanOptions.DEFAULT).sites()) {
                    long address = m.start() + (s.fileOffset() - m.offset());
                    if (s.fileOffset() >= m.offset() && address >= start && address < end) {
                        moved.add(new Site(s.kind(), address, s.fileOffset(), s.bytes(), s.symbol(), s.symbolOffset()));
                    }
                }
                return moved;
            } catch (ElfFormatException | IOException notAnElf) {
                // Executable but not an ELF we can read (a JIT's file-backed code cache): sweep its memory.
            }
        }
        return scanner.scan(List.of(new CodeImage(m.name(), bytes, start, -1, List.of())), ScanOptions.DEFAULT);
    }

    private boolean wanted(AddressSpace space, SiteKind kind) {
        return kinds.contains(kind) && !(kind == SiteKind.CPUID && space.cpuidFaulting);
    }
}
