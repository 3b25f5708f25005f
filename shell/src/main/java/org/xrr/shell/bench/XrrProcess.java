package org.xrr.shell.bench;

import org.xrr.shell.Main;
import org.xrr.shell.UserError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * xrr in a fresh JVM, started the way the launcher starts it, with this JVM's class path: for
 * costs that only a cold process shows, such as loading the JavaScript engine.
 */
final class XrrProcess {
    /** What a run printed and took, and how many classes of the JavaScript engine it loaded. */
    record Result(String out, double wallMillis, int engineClasses) {
    }

    private XrrProcess() {
    }

    static Result run(Path scratch, List<String> args) throws IOException, InterruptedException {
        Path classLog = Files.createTempFile(scratch, "classes", ".log");
        Path out = Files.createTempFile(scratch, "out", ".txt");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djna.library.path=" + System.getProperty("jna.library.path", ""),
                "-Xlog:class+load=info:file=" + classLog));
        String archive = System.getProperty("xrr.cds.archive");
        if (archive != null) {
            // Started by the launcher, which made a class-data archive: use it as users do.
            argv.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        argv.addAll(args);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        int status = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        if (status != 0) {
            throw new UserError("xrr " + String.join(" ", args) + " failed with status " + status + ": " + printed.strip());
        }
        int engine;
        try (var lines = Files.lines(classLog)) {
            engine = (int) lines.filter(l -> l.contains(" org.graalvm.") || l.contains(" com.oracle.truffle.")).count();
        }
        return new Result(printed, wall, engine);
    }
}
