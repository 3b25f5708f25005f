package org.xrr.disasm.process;

import org.xrr.disasm.elf.ElfFile;
import org.xrr.disasm.elf.ElfFormatException;
import org.xrr.disasm.sites.CodeImage;
import org.xrr.disasm.sites.ScanOptions;
import org.xrr.disasm.sites.SiteScanner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the sites in the executable mappings of a running process. Bytes always come from the
 * process's memory, so patched or generated code is seen as it is. A mapping of an ELF file (or
 * the vDSO, an ELF image in memory) is swept with that file's sections and symbols; anonymous or
 * unrecognised memory is swept linearly from its start.
 */
public final class ProcessScanner {
    private final SiteScanner scanner;

    public ProcessScanner(SiteScanner scanner) {
        this.scanner = scanner;
    }

    public List<MappingSites> scan(int pid, ScanOptions options) throws IOException {
        List<Mapping> maps = ProcessMaps.read(pid);
        List<MappingSites> out = new ArrayList<>();
        try (ProcessMemory memory = new ProcessMemory(pid)) {
            for (Mapping m : maps) {
                if (!m.isExecutable() || m.path().equals("[vsyscall]")) {
                    continue;
                }
                if (m.size() > Integer.MAX_VALUE) {
                    throw new IOException("process " + pid + ": executable mapping " + m.name() + " is too large to scan");
                }
                byte[] bytes = memory.read(m.start(), (int) m.size());
                out.add(new MappingSites(m, scanner.scan(images(m, bytes), options)));
            }
        }
        return out;
    }

    private static List<CodeImage> images(Mapping m, byte[] bytes) {
        try {
            if (m.path().equals("[vdso]")) {
                return ElfCodeImagesInMemory.vdso(m, bytes);
            }
            if (m.isFile()) {
                return ElfCodeImagesInMemory.fileMapping(ElfFile.open(Path.of(m.path())), m, bytes);
            }
        } catch (ElfFormatException | IOException notElf) {
            // Not an ELF we can read (a JIT's file-backed code, a replaced file): sweep it whole.
        }
        long fileOffset = m.isFile() ? m.offset() : -1;
        return List.of(new CodeImage(m.name(), bytes, m.start(), fileOffset, List.of()));
    }
}
