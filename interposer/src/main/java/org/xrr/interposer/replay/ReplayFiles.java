package org.xrr.interposer.replay;

import org.xrr.interposer.pack.PackedFiles;
import org.xrr.interposer.pack.RecordedFiles;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.FileIdentity;
import org.xrr.interposer.trace.TraceDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a replay maps, checked before it runs: each must have the content the recording
 * saw, at its path or, in a packed trace, as the trace's copy. Replay maps a library itself (see
 * {@link Replayer}), so it can map the copy; an executable the kernel maps by its path at exec,
 * so it must be unchanged at that path, packed or not.
 */
final class ReplayFiles {
    private ReplayFiles() {
    }

    /**
     * The copies to map instead of the files at their recorded paths, by recorded path; refuses
     * with every file that is missing or changed and has no usable copy.
     */
    static Map<String, String> substitutes(TraceDirectory trace, RecordedFiles recorded, FileIdentities now) throws IOException {
        Map<String, String> substitutes = new HashMap<>();
        List<String> changed = new ArrayList<>();
        boolean packed = trace.header().packed();
        for (FileIdentity then : recorded.files()) {
            String problem = problem(now, Path.of(then.path()), then);
            if (problem == null) {
                continue;
            }
            boolean executable = recorded.executables().contains(then.path());
            Path copy = PackedFiles.copyOf(trace, then);
            if (packed && !executable) {
                String copyProblem = problem(now, copy, then);
                if (copyProblem == null) {
                    substitutes.put(then.path(), copy.toString());
                    continue;
                }
                problem += "; its packed copy " + copy + " is " + copyProblem;
            } else if (packed) {
                problem += "; an executable is mapped by the kernel from its path, so its packed copy cannot stand in";
            }
            changed.add(then.path() + " (" + problem + ")");
        }
        if (!changed.isEmpty()) {
            throw new ReplayRefusedException("cannot replay: " + changed.size() + " file(s) the recording mapped changed since: "
                    + String.join("; ", changed));
        }
        return substitutes;
    }

    /** How {@code file} differs from what the recording saw, or null if it does not. */
    private static String problem(FileIdentities now, Path file, FileIdentity then) throws IOException {
        if (!Files.exists(file)) {
            return "missing";
        }
        try {
            FileIdentity current = now.of(file);
            if (!Arrays.equals(current.sha256(), then.sha256())) {
                return "content differs: " + current.size() + " bytes now, " + then.size() + " then";
            }
            return null;
        } catch (NoSuchFileException e) {
            return "missing";
        }
    }
}
