package org.xrr.disasm.objdump;

import org.xrr.disasm.x86.SiteKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sites {@code objdump -d} decodes, as an independent oracle for the scanner: binutils'
 * decoder shares no code with Capstone.
 */
public final class ObjdumpOracle {
    private static final Pattern INSN = Pattern.compile("^\\s*([0-9a-f]+):\\t(.*)$");
    /** Tokens objdump prints before a mnemonic for prefixes it keeps visible. */
    private static final Set<String> PREFIX_TOKENS = Set.of("data16", "addr32", "lock", "rep", "repz", "repnz",
            "repe", "repne", "cs", "ds", "es", "fs", "gs", "ss", "notrack", "bnd", "xacquire", "xrelease");

    private ObjdumpOracle() {
    }

    public static boolean available() {
        try {
            return new ProcessBuilder("objdump", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Address to kind of every site objdump decodes in the file's executable sections. */
    public static Map<Long, SiteKind> sites(Path file, boolean syscalls) throws IOException {
        Process p = new ProcessBuilder("objdump", "-d", "-w", "--no-show-raw-insn", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Long, SiteKind> out = new TreeMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = INSN.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                mnemonic(m.group(2)).flatMap(mn -> SiteKind.of(mn, new byte[0]))
                        .filter(kind -> syscalls || kind != SiteKind.SYSCALL)
                        .ifPresent(kind -> out.put(Long.parseUnsignedLong(m.group(1), 16), kind));
            }
        }
        try {
            int status = p.waitFor();
            if (status != 0) {
                throw new IOException("objdump -d " + file + " exited with status " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for objdump", e);
        }
        return out;
    }

    private static Optional<String> mnemonic(String text) {
        for (String token : text.trim().split("\\s+")) {
            if (!PREFIX_TOKENS.contains(token) && !token.startsWith("rex") && !token.startsWith("{")) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
