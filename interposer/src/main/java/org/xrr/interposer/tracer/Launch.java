package org.xrr.interposer.tracer;

import java.nio.file.Path;
import java.util.List;

/**
 * A program to start under the tracer.
 *
 * @param path absolute path of the executable (PATH already searched)
 * @param argv its arguments, argv[0] included
 * @param env    its environment, as NAME=value strings
 * @param stdin  a file the program reads as its standard input, or null to share xrr's
 * @param stdout a file that replaces the program's standard output, or null to share xrr's
 * @param stderr the same for standard error
 */
public record Launch(String path, List<String> argv, List<String> env, Path stdin, Path stdout, Path stderr) {
    public Launch(String path, List<String> argv, List<String> env) {
        this(path, argv, env, null, null, null);
    }

    /** The same program, writing its standard output and error into these files. */
    public Launch withOutput(Path stdout, Path stderr) {
        return new Launch(path, argv, env, stdin, stdout, stderr);
    }

    /** The same program, reading this file as its standard input. */
    public Launch withInput(Path stdin) {
        return new Launch(path, argv, env, stdin, stdout, stderr);
    }

    /** The program with the environment xrr itself was given, as a shell would pass it on. */
    public static Launch inheritingEnvironment(String path, List<String> argv) {
        return new Launch(path, argv, xrrEnvironment());
    }

    /** xrr's own environment, as NAME=value strings. */
    public static List<String> xrrEnvironment() {
        return System.getenv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
