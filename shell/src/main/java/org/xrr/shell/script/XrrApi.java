package org.xrr.shell.script;

import com.fasterxml.jackson.databind.JsonNode;
import org.graalvm.polyglot.HostAccess;
import org.xrr.shell.Cli;
import org.xrr.shell.Json;
import org.xrr.shell.UserError;
import org.xrr.shell.trace.TraceParameter;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a session script reaches of xrr, the {@code xrr} object behind session-api.js: record a
 * program and replay a trace. The sessions it opens are closed when the script ends.
 */
public final class XrrApi implements AutoCloseable {
    private static final Pattern RECORDING_TO = Pattern.compile("(?m)^xrr: recording to (.+)$");

    private final List<SessionApi> sessions = new ArrayList<>();

    /**
     * Records {@code argvJson} (a JSON array) with the record options in {@code optionsJson} (a JSON
     * object: {@code {"mask": ["avx2"], "output": "DIR"}} means {@code --mask avx2 --output DIR});
     * returns the trace directory. A recording that fails, or a program that exits with a status
     * other than 0, is an error.
     */
    @HostAccess.Export
    public String record(String argvJson, String optionsJson) throws IOException {
        JsonNode argv = Json.MAPPER.readTree(argvJson);
        JsonNode options = Json.MAPPER.readTree(optionsJson);
        if (!argv.isArray() || argv.isEmpty()) {
            throw new IllegalArgumentException("xrr.record: argv must be a non-empty array of strings");
        }
        List<String> args = new ArrayList<>(List.of("record"));
        Path output = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            String flag = "--" + o.getKey();
            JsonNode v = o.getValue();
            if (o.getKey().equals("output")) {
                output = Path.of(v.asText());
            } else if (v.isBoolean()) {
                if (v.asBoolean()) {
                    args.add(flag);
                }
            } else if (v.isArray()) {
                List<String> values = new ArrayList<>();
                v.forEach(x -> values.add(x.asText()));
                args.add(flag);
                args.add(String.join(",", values));
            } else {
                args.add(flag);
                args.add(v.asText());
            }
        }
        if (output != null) {
            args.add("--output");
            args.add(output.toString());
        }
        args.add("--");
        argv.forEach(a -> args.add(a.asText()));
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.create();
        cli.setOut(new PrintWriter(Writer.nullWriter()));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args.toArray(String[]::new));
        // Without --output, record names the directory it chose in the store as it starts.
        Matcher chosen = RECORDING_TO.matcher(err.toString());
        if (output == null && chosen.find()) {
            output = Path.of(chosen.group(1));
        }
        if (status != 0 || output == null) {
            String said = RECORDING_TO.matcher(err.toString()).replaceAll("").strip().replace('\n', ' ');
            throw new UserError("xrr.record: " + argv.get(0).asText() + " ended with status " + status + (said.isEmpty() ? "" : ": " + said));
        }
        return output.toString();
    }

    /** Opens a trace (a directory, or a name in xrr's trace directory) for replay, before its first event. */
    @HostAccess.Export
    public SessionApi replay(String trace) {
        SessionApi s = new SessionApi(TraceParameter.open(trace));
        sessions.add(s);
        return s;
    }

    @Override
    public void close() {
        sessions.forEach(SessionApi::close);
        sessions.clear();
    }
}
