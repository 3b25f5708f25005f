package org.xrr.disasm.process;

import org.xrr.disasm.elf.ElfFile;
import org.xrr.disasm.elf.ElfFormatException;
import org.xrr.disasm.elf.ProgramHeader;
import org.xrr.disasm.sites.CodeImage;
import org.xrr.disasm.sites.ElfCodeImages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Places an ELF file's code images at the addresses where a process has them mapped, with the bytes it holds there. */
final class ElfCodeImagesInMemory {
    private ElfCodeImagesInMemory() {
    }

    /** The parts of the file's code sections that fall inside this mapping of the file. */
    static List<CodeImage> fileMapping(ElfFile elf, Mapping m, byte[] memory) throws ElfFormatException {
        List<CodeImage> out = new ArrayList<>();
        long mapEnd = m.offset() + m.size();
        for (CodeImage image : ElfCodeImages.of(elf)) {
            long from = Math.max(image.fileOffset(), m.offset());
            long to = Math.min(image.fileOffset() + image.bytes().length, mapEnd);
            if (from >= to) {
                continue;
            }
            long vaddr = image.address() + (from - image.fileOffset());
            long runtime = m.start() + (from - m.offset());
            int at = (int) (from - m.offset());
            byte[] bytes = Arrays.copyOfRange(memory, at, at + (int) (to - from));
            CodeImage clipped = new CodeImage(image.name(), bytes, vaddr, from,
                    image.syncPoints().stream().filter(p -> p.address() >= vaddr && p.address() < vaddr + bytes.length).toList());
            out.add(clipped.rebased(runtime, bytes));
        }
        return out;
    }

    /** The vDSO is a whole ELF image in memory; its first loadable segment sits at the start of the mapping. */
    static List<CodeImage> vdso(Mapping m, byte[] memory) throws ElfFormatException {
        ElfFile elf = ElfFile.of(Path.of(m.path()), memory);
        long linkedAt = elf.programHeaders().stream().filter(ProgramHeader::isLoad)
                .mapToLong(ProgramHeader::vaddr).min().orElse(0);
        List<CodeImage> out = new ArrayList<>();
        for (CodeImage image : ElfCodeImages.of(elf)) {
            CodeImage anonymous = new CodeImage("[vdso]" + image.name(), image.bytes(), image.address(), -1, image.syncPoints());
            out.add(anonymous.rebased(m.start() + image.address() - linkedAt, image.bytes()));
        }
        return out;
    }
}
