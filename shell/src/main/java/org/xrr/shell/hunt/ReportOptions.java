package org.xrr.shell.hunt;

import org.xrr.shell.Json;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a hunt's report goes: a table or JSON on stdout, and an HTML page if asked for. */
public final class ReportOptions {
    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as an HTML page, the matrix as coloured cells.")
    Path html;

    void print(HuntReport report, PrintWriter out, PrintWriter err) throws IOException {
        if (json) {
            Json.print(ReportJson.of(report), out);
        } else {
            ReportText.print(report, out);
        }
        if (html != null) {
            Files.writeString(html, ReportHtml.of(report));
            err.println("xrr: the report is in " + html);
        }
        out.flush();
        err.flush();
    }
}
