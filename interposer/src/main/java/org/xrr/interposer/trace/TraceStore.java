package org.xrr.interposer.trace;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where traces go by default: one directory, each trace in {@code <program>-<n>}, and a
 * {@code latest} symbolic link to the newest. The caller decides the directory (xrr's is
 * {@code $XDG_DATA_HOME/xrr/traces}).
 */
public final class TraceStore {
    public static final String LATEST = "latest";

    private final Path root;

    public TraceStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * Makes an empty directory for a new trace of {@code program}, numbered one past the highest
     * trace of that program, and points {@code latest} at it. Two recorders starting at once get
     * two directories.
     */
    public Path allocate(String program) throws IOException {
        String name = safeName(program);
        Files.createDirectories(root);
        Pattern numbered = Pattern.compile(Pattern.quote(name) + "-(\\d{1,9})");
        int next = 0;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                Matcher m = numbered.matcher(p.getFileName().toString());
                if (m.matches()) {
                    next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
                }
            }
        }
        while (true) {
            Path dir = root.resolve(name + "-" + next);
            try {
                Files.createDirectory(dir);
                pointLatestAt(dir);
                return dir;
            } catch (FileAlreadyExistsException taken) {
                next++;
            }
        }
    }

    /** The trace {@code latest} points at. */
    public Path latest() throws IOException {
        Path link = root.resolve(LATEST);
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(link.toString(), null, "no trace recorded yet");
        }
        return link.toRealPath();
    }

    /**
     * A trace named on the command line: a path to a trace directory, or else the name of a trace
     * in this store ({@code python3-2}).
     */
    public Path resolve(String nameOrPath) {
        Path asGiven = Path.of(nameOrPath);
        if (Files.exists(asGiven) || asGiven.getNameCount() != 1) {
            return asGiven;
        }
        Path stored = root.resolve(nameOrPath);
        return Files.exists(stored) ? stored : asGiven;
    }

    private void pointLatestAt(Path dir) throws IOException {
        // A new link renamed over the old one: readers never find latest missing.
        Path temporary = root.resolve("." + LATEST + "-" + dir.getFileName());
        Files.deleteIfExists(temporary);
        Files.createSymbolicLink(temporary, dir.getFileName());
        Files.move(temporary, root.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The last component of the program's path, or "trace" when that makes no directory name. */
    private static String safeName(String program) {
        Path name = Path.of(program).getFileName();
        String s = name == null ? "" : name.toString();
        return s.isEmpty() || s.equals(".") || s.equals("..") || s.equals(LATEST) || s.startsWith(".") ? "trace" : s;
    }
}
