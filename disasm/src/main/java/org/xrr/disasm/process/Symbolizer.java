package org.xrr.disasm.process;

import org.xrr.disasm.elf.ElfFile;
import org.xrr.disasm.elf.ElfFormatException;
import org.xrr.disasm.elf.ElfSymbol;
import org.xrr.disasm.elf.ProgramHeader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names addresses of a running process: the mapping that holds them and, for file-backed code,
 * the function symbol, found through the file offset and the segment that loads it. The parsed
 * ELF files are kept, so naming every frame of a backtrace reads each library once.
 */
public final class Symbolizer {
    /** Where an address is: its mapping, and the function and offset in it where a symbol covers it. */
    public record Location(long address, Mapping mapping, String symbol, long offset) {
        /**
         * {@code /usr/lib/libc.so.6: write+0x14}; {@code /usr/lib/ld.so+0x1c47} (the file offset) in a file
         * without a symbol there; {@code [stack]}; or {@code no mapping}.
         */
        public String describe() {
            if (mapping == null) {
                return "no mapping";
            }
            if (symbol != null) {
                return mapping.name() + ": " + symbol + "+0x" + Long.toHexString(offset);
            }
            return mapping.isFile() ? mapping.name() + "+0x" + Long.toHexString(address - mapping.start() + mapping.offset()) : mapping.name();
        }
    }

    private record Loaded(List<ProgramHeader> segments, List<ElfSymbol> functions) {
    }

    private final int pid;
    private final Map<String, Loaded> files = new HashMap<>();
    private List<Mapping> maps;

    public Symbolizer(int pid) {
        this.pid = pid;
    }

    public Location locate(long address) {
        Mapping m = mappingOf(address);
        if (m == null) {
            return new Location(address, null, null, 0);
        }
        if (!m.isFile()) {
            return new Location(address, m, null, 0);
        }
        Loaded elf = load(m.path());
        if (elf == null) {
            return new Location(address, m, null, 0);
        }
        long fileOffset = address - m.start() + m.offset();
        Long vaddr = null;
        for (ProgramHeader ph : elf.segments) {
            if (ph.type() == ProgramHeader.PT_LOAD && fileOffset >= ph.offset() && fileOffset < ph.offset() + ph.fileSize()) {
                vaddr = ph.vaddr() + (fileOffset - ph.offset());
            }
        }
        if (vaddr == null) {
            return new Location(address, m, null, 0);
        }
        ElfSymbol best = null;
        for (ElfSymbol s : elf.functions) {
            if (s.value() <= vaddr && (best == null || s.value() > best.value()) && (s.size() == 0 || vaddr < s.value() + s.size())) {
                best = s;
            }
        }
        return best == null ? new Location(address, m, null, 0) : new Location(address, m, best.name(), vaddr - best.value());
    }

    /** The mapping that holds {@code address}, from the process's maps as they were at the first question. */
    public Mapping mappingOf(long address) {
        if (maps == null) {
            try {
                maps = ProcessMaps.read(pid);
            } catch (IOException e) {
                maps = List.of();
            }
        }
        for (Mapping m : maps) {
            if (address >= m.start() && address < m.end()) {
                return m;
            }
        }
        return null;
    }

    private Loaded load(String path) {
        return files.computeIfAbsent(path, p -> {
            try {
                ElfFile elf = ElfFile.open(Path.of(p));
                List<ElfSymbol> functions = new ArrayList<>();
                for (List<ElfSymbol> table : List.of(elf.staticSymbols(), elf.dynamicSymbols())) {
                    for (ElfSymbol s : table) {
                        if (s.type() == ElfSymbol.STT_FUNC) {
                            functions.add(s);
                        }
                    }
                }
                return new Loaded(elf.programHeaders(), functions);
            } catch (IOException | ElfFormatException e) {
                return null;
            }
        });
    }
}
