package org.xrr.interposer.tracer;

/**
 * How the program ended: its exit code, or the signal that killed it (then {@code exitCode} is
 * 128 + signal, as a shell reports it).
 */
public record RunResult(int exitCode, int signal, boolean coreDumped, RunStats stats) {
}
