package org.xrr.disasm.sites;

import com.sun.jna.Memory;
import org.xrr.disasm.x86.CapstoneSweep;
import org.xrr.disasm.x86.Prefixes;
import org.xrr.disasm.x86.SiteKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Confirms candidates by decoding, the way {@code objdump -d} walks code: a linear sweep that
 * starts afresh at every sync point (symbol), never lets an instruction cross into the next one,
 * and steps over undecodable bytes. (objdump also skips runs of eight or more zero bytes, but
 * in multiples of four, which never changes where the following instructions start.) Only
 * the regions that hold candidates are decoded, and each only as far as its last candidate.
 * A candidate is a site when the instruction the sweep finds covering it is a site kind.
 */
final class LinearSweep {
    private final CapstoneSweep decoder;

    LinearSweep(CapstoneSweep decoder) {
        this.decoder = decoder;
    }

    void sweep(CodeImage image, int[] candidates, List<Site> out) {
        if (candidates.length == 0) {
            return;
        }
        byte[] code = image.bytes();
        List<SyncPoint> regions = regions(image);
        try (Memory memory = new Memory(code.length)) {
            memory.write(0, code, 0, code.length);
            int next = 0;
            for (int r = 0; r < regions.size() && next < candidates.length; r++) {
                SyncPoint region = regions.get(r);
                int start = (int) (region.address() - image.address());
                int end = r + 1 < regions.size() ? (int) (regions.get(r + 1).address() - image.address()) : code.length;
                if (candidates[next] >= end) {
                    continue;
                }
                next = sweepRegion(image, memory, start, end, candidates, next, region, out);
            }
        }
    }

    /** Sweeps [start, end) up to its last candidate; returns the index of the first candidate past it. */
    private int sweepRegion(CodeImage image, Memory memory, int start, int end, int[] candidates, int next,
                            SyncPoint region, List<Site> out) {
        byte[] code = image.bytes();
        int pos = start;
        while (next < candidates.length && candidates[next] < end) {
            if (candidates[next] < pos) {
                next++;
                continue;
            }
            int decoded = decoder.decode(memory, pos, end - pos, image.address() + pos);
            if (decoded == 0) {
                pos += Math.min(undecodableLength(code, pos), end - pos);
                continue;
            }
            for (int i = 0; i < decoded && next < candidates.length && candidates[next] < end; i++) {
                int insnEnd = pos + decoder.length(i);
                boolean covers = false;
                while (next < candidates.length && candidates[next] < insnEnd) {
                    covers |= candidates[next] >= pos;
                    next++;
                }
                if (covers) {
                    byte[] bytes = Arrays.copyOfRange(code, pos, insnEnd);
                    Optional<SiteKind> kind = SiteKind.of(decoder.mnemonic(i), bytes);
                    if (kind.isPresent()) {
                        long address = image.address() + pos;
                        long fileOffset = image.fileOffset() < 0 ? -1 : image.fileOffset() + pos;
                        out.add(new Site(kind.get(), address, fileOffset, bytes, region.symbol(), address - region.address()));
                    }
                }
                pos = insnEnd;
            }
        }
        return next;
    }

    /**
     * How far objdump steps over bytes it prints as "(bad)": the prefixes and the opcode bytes it
     * fetched before giving up. That is one opcode byte, or two or three after a 0F escape; for
     * an x87 escape (D8-DF) whose memory form is undefined it also takes the ModRM operand.
     */
    private static int undecodableLength(byte[] code, int pos) {
        int at = pos;
        while (at < code.length && Prefixes.isPrefix(code[at] & 0xff)) {
            at++;
        }
        if (at + 1 >= code.length) {
            return at - pos + 1;
        }
        int op = code[at] & 0xff;
        if (op == 0x0f) {
            int second = code[at + 1] & 0xff;
            return at - pos + (second == 0x38 || second == 0x3a ? 3 : 2);
        }
        if (op >= 0xd8 && op <= 0xdf) {
            return at - pos + 1 + modrmLength(code, at + 1);
        }
        return at - pos + 1;
    }

    /** Length of a ModRM operand in 64-bit mode: ModRM, optional SIB, displacement. */
    private static int modrmLength(byte[] code, int at) {
        int modrm = code[at] & 0xff;
        int mod = modrm >>> 6;
        int rm = modrm & 7;
        if (mod == 3) {
            return 1;
        }
        int length = 1;
        if (rm == 4) {
            length++;
            boolean noBase = at + 1 < code.length && (code[at + 1] & 7) == 5;
            if (mod == 0 && noBase) {
                length += 4;
            }
        } else if (mod == 0 && rm == 5) {
            length += 4;
        }
        return length + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
    }

    /** The sweep's regions: one per sync point, plus one from the image start when no symbol is there. */
    private static List<SyncPoint> regions(CodeImage image) {
        List<SyncPoint> points = image.syncPoints();
        if (!points.isEmpty() && points.get(0).address() == image.address()) {
            return points;
        }
        List<SyncPoint> out = new ArrayList<>(points.size() + 1);
        out.add(new SyncPoint(image.address(), image.name()));
        out.addAll(points);
        return out;
    }
}
