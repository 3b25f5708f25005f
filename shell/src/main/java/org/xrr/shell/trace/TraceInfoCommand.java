package org.xrr.shell.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xrr.interposer.trace.TraceHeader;
import org.xrr.shell.Json;
import org.xrr.shell.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code xrr traceinfo}: the header of a trace. */
@Command(name = "traceinfo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the header of a trace as JSON: the program, its environment, the CPU it was shown "
                + "and the CPU it ran on, the options, kernel and glibc versions, and whether the trace is packed (its files "
                + "copied into it by xrr pack); then, under \"derived\", the XCR0 and XSAVE layout presented and real.")
public final class TraceInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceParameter trace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TraceHeader header = trace.open().header();
        ObjectNode json;
        try {
            json = (ObjectNode) Json.MAPPER.readTree(header.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trace header's own JSON failed to parse", e);
        }
        json.set("derived", XsaveJson.derived(header.presentedCpu(), header.hostCpu()));
        Json.print(json, out);
        out.flush();
        return 0;
    }
}
