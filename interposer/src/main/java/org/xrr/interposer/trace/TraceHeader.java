package org.xrr.interposer.trace;

import org.xrr.interposer.cpu.CpuProfile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a trace was recorded from and on: {@code header.json} in the trace directory. The XCR0 and
 * the XSAVE layout (leaf 0xD) presented and real are those of the two CPU profiles.
 *
 * @param xrrVersion       the version of xrr that recorded it
 * @param created          when recording started
 * @param executable       the absolute path of the program started
 * @param argv             its arguments, argv[0] included
 * @param environment      its environment, as NAME=value strings in the order it got them
 * @param workingDirectory the directory it started in
 * @param presentedCpu     the CPU model the program saw: its CPUID table and XCR0
 * @param hostCpu          the recording machine's own CPU: its CPUID table and XCR0
 * @param recordOptions    the options that shaped what the program saw (masks, profile, XCR0,
 *                         policy and its arguments), as given on the command line
 * @param kernel           the kernel release of the recording machine ({@code uname -r})
 * @param glibc            the glibc version of the recording machine
 * @param packed           whether the trace holds copies of the files the program mapped, in {@code files/}
 */
public record TraceHeader(String xrrVersion, Instant created, String executable, List<String> argv,
                          List<String> environment, String workingDirectory, CpuProfile presentedCpu,
                          CpuProfile hostCpu, List<String> recordOptions, String kernel, String glibc, boolean packed) {
    public TraceHeader {
        Objects.requireNonNull(xrrVersion, "xrr_version");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(executable, "executable");
        argv = strings("argv", argv);
        environment = strings("environment", environment);
        Objects.requireNonNull(workingDirectory, "working_directory");
        Objects.requireNonNull(presentedCpu, "presented_cpu");
        Objects.requireNonNull(hostCpu, "host_cpu");
        recordOptions = strings("record_options", recordOptions);
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(glibc, "glibc");
    }

    /** Reads and checks a header file; any problem is one line naming the file. */
    public static TraceHeader read(Path file) throws IOException {
        return TraceHeaderJson.read(file);
    }

    /** Parses header JSON; {@code file} names the source in messages. */
    public static TraceHeader parse(Path file, String json) throws TraceHeaderException {
        return TraceHeaderJson.parse(file, json);
    }

    /** This header as JSON, with the format version first. */
    public String toJson() {
        return TraceHeaderJson.write(this);
    }

    /** The same header, saying whether the trace is packed. */
    public TraceHeader withPacked(boolean packed) {
        return new TraceHeader(xrrVersion, created, executable, argv, environment, workingDirectory, presentedCpu, hostCpu,
                recordOptions, kernel, glibc, packed);
    }

    private static List<String> strings(String field, List<String> values) {
        Objects.requireNonNull(values, field);
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(field + " holds null");
        }
        return List.copyOf(values);
    }
}
