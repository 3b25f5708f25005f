package org.xrr.shell.hunt;

import org.xrr.shell.Json;
import org.xrr.shell.Scratch;
import org.xrr.shell.UserError;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every hunt mode shares: how many cells run at once, and where the report goes. */
public final class HuntOptions {
    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Cells run side by side (default: the number of cores).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as an HTML page, the matrix as coloured cells.")
    Path html;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Keep every cell's trace and output under DIR, which must not exist (default: a temporary directory, deleted).")
    Path keep;

    CellPool pool(String task, PrintWriter err) {
        if (jobs < 1) {
            throw new UserError("--jobs must be at least 1, not " + jobs);
        }
        return new CellPool(jobs, task, System.console() != null);
    }

    /** The directory the cells work in. */
    Path workDir() throws IOException {
        if (keep != null) {
            if (Files.exists(keep)) {
                throw new UserError(keep + " already exists; --keep needs a new directory");
            }
            return Files.createDirectories(keep);
        }
        return Files.createTempDirectory("xrr-hunt-");
    }

    /** Deletes the work directory unless the user asked to keep it. */
    void cleanUp(Path workDir) throws IOException {
        if (keep == null) {
            Scratch.delete(workDir);
        }
    }

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
        if (keep != null) {
            err.println("xrr: every cell's trace and output are under " + keep);
        }
        out.flush();
        err.flush();
    }
}
