package org.xrr.disasm.sites;

import java.util.Arrays;

/**
 * The byte pre-filter: positions of 0F escape bytes that could begin the opcode of a site. Every
 * site kind is a two-byte (0F xx) opcode, and ModRM rules out most lookalikes (LFENCE and friends
 * share 0F AE, CMPXCHG8B shares 0F C7). A candidate is only a hint: the sweep decides.
 */
final class CandidateFilter {
    private CandidateFilter() {
    }

    static int[] find(byte[] code, boolean syscalls) {
        int[] out = new int[16];
        int n = 0;
        int last = code.length - 1;
        for (int i = 0; i < last; i++) {
            if (code[i] != 0x0f) {
                continue;
            }
            if (isCandidate(code, i, syscalls)) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean isCandidate(byte[] code, int i, boolean syscalls) {
        int op = code[i + 1] & 0xff;
        int modrm = i + 2 < code.length ? code[i + 2] & 0xff : -1;
        int mod = modrm >>> 6;
        int reg = (modrm >>> 3) & 7;
        return switch (op) {
            case 0xa2, 0x31 -> true;                                   // CPUID, RDTSC
            case 0x05 -> syscalls;                                     // SYSCALL
            case 0x01 -> modrm == 0xd0 || modrm == 0xf9;               // XGETBV, RDTSCP
            case 0xae -> modrm >= 0 && mod != 3 && (reg <= 1 || (reg >= 4 && reg <= 6)); // FXSAVE FXRSTOR XSAVE XRSTOR XSAVEOPT
            case 0xc7 -> modrm >= 0 && (mod != 3 ? reg == 4 : reg >= 6);                 // XSAVEC; RDRAND RDSEED RDPID
            default -> false;
        };
    }
}
