package org.xrr.disasm.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads /proc/PID/maps. */
public final class ProcessMaps {
    private ProcessMaps() {
    }

    public static List<Mapping> read(int pid) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc", Integer.toString(pid), "maps"));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("/proc/" + pid + "/maps", null, "no process with pid " + pid);
        }
        List<Mapping> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(parse(line));
        }
        return out;
    }

    static Mapping parse(String line) throws IOException {
        // start-end perms offset dev inode [path]; the path may contain spaces
        String[] f = line.trim().split("\\s+", 6);
        if (f.length < 5) {
            throw new IOException("unreadable line in maps: " + line);
        }
        int dash = f[0].indexOf('-');
        try {
            return new Mapping(Long.parseUnsignedLong(f[0].substring(0, dash), 16),
                    Long.parseUnsignedLong(f[0].substring(dash + 1), 16), f[1], Long.parseUnsignedLong(f[2], 16),
                    Long.parseLong(f[4]), f.length == 6 ? f[5] : "");
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IOException("unreadable line in maps: " + line, e);
        }
    }
}
