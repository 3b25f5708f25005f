package org.xrr.interposer.tracer;

import java.util.List;

/**
 * A program to start under the tracer.
 *
 * @param path absolute path of the executable (PATH already searched)
 * @param argv its arguments, argv[0] included
 * @param env  its environment, as NAME=value strings
 */
public record Launch(String path, List<String> argv, List<String> env) {
    /** The program with the environment xrr itself was given, as a shell would pass it on. */
    public static Launch inheritingEnvironment(String path, List<String> argv) {
        return new Launch(path, argv, System.getenv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
