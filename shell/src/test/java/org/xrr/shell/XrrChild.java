package org.xrr.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * xrr in a child JVM with this test's class path, as a user runs it: for programs whose output
 * must reach a real stdout, which the test JVM's own is not free to be.
 */
record XrrChild(int status, String out, String err) {
    static XrrChild run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("xrr-child", ".out");
        Path err = Files.createTempFile("xrr-child", ".err");
        try {
            List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djna.library.path=" + System.getProperty("jna.library.path", ""),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            argv.addAll(List.of(args));
            Process p = new ProcessBuilder(argv).directory(workingDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("xrr " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            return new XrrChild(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
