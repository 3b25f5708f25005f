package org.xrr.disasm.sites;

import org.xrr.disasm.elf.ElfFile;
import org.xrr.disasm.elf.ElfFormatException;
import org.xrr.disasm.elf.ElfSymbol;
import org.xrr.disasm.elf.ProgramHeader;
import org.xrr.disasm.elf.SectionHeader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The code of an ELF file as objdump sees it: each executable section (each executable segment
 * when there are no section headers), with sync points at the symbols objdump would use: .symtab,
 * or .dynsym when the file is stripped, less unnamed, section, file and undefined symbols.
 */
public final class ElfCodeImages {
    /** When several symbols share an address, the one shown: functions, then global over weak over local. */
    private static final Comparator<ElfSymbol> PREFERRED = Comparator
            .comparing((ElfSymbol s) -> s.type() != ElfSymbol.STT_FUNC)
            .thenComparing(s -> bindRank(s.bind()))
            .thenComparing(s -> s.name().startsWith("_"))
            .thenComparing(ElfSymbol::name);

    private ElfCodeImages() {
    }

    public static List<CodeImage> of(ElfFile elf) throws ElfFormatException {
        List<ElfSymbol> symbols = elf.staticSymbols().isEmpty() ? elf.dynamicSymbols() : elf.staticSymbols();
        List<ElfSymbol> useful = symbols.stream()
                .filter(s -> !s.name().isEmpty() && s.isInSection()
                        && s.type() != ElfSymbol.STT_SECTION && s.type() != ElfSymbol.STT_FILE)
                .sorted(Comparator.comparingLong(ElfSymbol::value).thenComparing(PREFERRED))
                .toList();
        List<CodeImage> images = new ArrayList<>();
        if (!elf.sections().isEmpty()) {
            for (SectionHeader sh : elf.sections()) {
                if (sh.isCode() && sh.size() > 0) {
                    images.add(image(elf, sh.name(), sh.offset(), sh.addr(), sh.size(), useful,
                            s -> s.sectionIndex() == sh.index()));
                }
            }
        } else {
            for (ProgramHeader ph : elf.programHeaders()) {
                if (ph.isLoad() && ph.isExecutable() && ph.fileSize() > 0) {
                    images.add(image(elf, "LOAD@0x" + Long.toHexString(ph.vaddr()), ph.offset(), ph.vaddr(),
                            ph.fileSize(), useful, s -> true));
                }
            }
        }
        return images;
    }

    private static CodeImage image(ElfFile elf, String name, long offset, long addr, long size,
                                   List<ElfSymbol> symbols, Predicate<ElfSymbol> inImage) throws ElfFormatException {
        if (size > Integer.MAX_VALUE) {
            throw new ElfFormatException("malformed: code section " + name + " is " + size + " bytes");
        }
        List<SyncPoint> points = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (ElfSymbol s : symbols) {
            if (s.value() >= addr && s.value() < addr + size && s.value() != previous && inImage.test(s)) {
                points.add(new SyncPoint(s.value(), s.name()));
                previous = s.value();
            }
        }
        return new CodeImage(name, elf.bytes(offset, (int) size), addr, offset, List.copyOf(points));
    }

    private static int bindRank(int bind) {
        return switch (bind) {
            case ElfSymbol.STB_GLOBAL -> 0;
            case ElfSymbol.STB_WEAK -> 1;
            default -> 2;
        };
    }
}
