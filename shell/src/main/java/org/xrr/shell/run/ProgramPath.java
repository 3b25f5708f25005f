package org.xrr.shell.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a command the way a shell does: a name with a slash is a path, a bare name is looked up in PATH. */
final class ProgramPath {
    private ProgramPath() {
    }

    static Optional<Path> resolve(String command, String pathVariable) {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (command.contains("/")) {
            Path p = Path.of(command).toAbsolutePath();
            return Files.exists(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : (pathVariable == null ? "/usr/local/bin:/usr/bin:/bin" : pathVariable).split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command).toAbsolutePath();
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
