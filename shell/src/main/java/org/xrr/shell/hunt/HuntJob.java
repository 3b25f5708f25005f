package org.xrr.shell.hunt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import org.xrr.shell.Json;
import org.xrr.shell.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One cell of a hunt as an independent job: what {@code --emit-jobs} writes, {@code xrr hunt
 * run-job} runs and {@code xrr hunt merge} collects. A hunt run here is the same jobs run side by
 * side, so both ways give the same report.
 *
 * @param format      the job format version, 1
 * @param hunt        the hunt it belongs to: features, runs or matrix
 * @param title       the hunt's title, the same in every job of it
 * @param index       the cell's number in the hunt, from 0
 * @param row         the report row of the cell
 * @param column      the report column of the cell
 * @param kind        {@code record} (record the program, hiding {@code hide}) or {@code replay} (replay {@code trace})
 * @param program     record: the absolute path of the program
 * @param argv        record: its arguments, argv[0] included
 * @param environment record: its environment
 * @param directory   record: the directory it runs in
 * @param hide        record: the features hidden from it
 * @param trace       replay: the trace directory
 * @param asHost      replay: the CPU profile replay checks the trace against
 * @param policy      replay: a masking policy applied to that host, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HuntJob(int format, String hunt, String title, int index, String row, String column, String kind, String program,
               List<String> argv, List<String> environment, String directory, List<String> hide, String trace,
               String asHost, String policy) {
    static final int FORMAT = 1;
    static final String RECORD = "record";
    static final String REPLAY = "replay";

    static HuntJob record(String hunt, String title, int index, String row, String column, String program, List<String> argv,
                          List<String> environment, String directory, List<String> hide) {
        return new HuntJob(FORMAT, hunt, title, index, row, column, RECORD, program, argv, environment, directory, hide, null,
                null, null);
    }

    static HuntJob replay(String hunt, String title, int index, String row, String column, String trace, String asHost,
                          String policy) {
        return new HuntJob(FORMAT, hunt, title, index, row, column, REPLAY, null, null, null, null, null, trace, asHost, policy);
    }

    /** The file a job is written to in an {@code --emit-jobs} directory. */
    static Path file(Path dir, int index) {
        return dir.resolve(String.format("job-%04d.json", index));
    }

    /** The error for a job whose result is not there (yet). */
    static UserError missingResult(HuntJob job, Path result) {
        return new UserError("job " + job.index() + " (" + job.row() + " / " + job.column() + ") has no result in " + result
                + ": run it with 'xrr hunt run-job'");
    }

    /** Where {@code xrr hunt run-job} leaves a job's result: next to the job file. */
    static Path resultDir(Path jobFile) {
        String name = jobFile.getFileName().toString();
        return jobFile.resolveSibling(name.replaceFirst("\\.json$", "") + ".result");
    }

    void write(Path file) throws IOException {
        Files.writeString(file, Json.MAPPER.writeValueAsString(this));
    }

    /** Reads a job file; anything that is not a job of this format is an error naming the file. */
    static HuntJob read(Path file) throws IOException {
        HuntJob job;
        try {
            job = Json.MAPPER.readValue(file.toFile(), HuntJob.class);
        } catch (JacksonException e) {
            throw new IOException(file + ": not an xrr hunt job (" + e.getOriginalMessage() + ")", e);
        }
        String problem = job.problem();
        if (problem != null) {
            throw new IOException(file + ": not an xrr hunt job: " + problem);
        }
        return job;
    }

    private String problem() {
        if (format != FORMAT) {
            return "format " + format + ", this xrr reads format " + FORMAT;
        }
        if (hunt == null || title == null || row == null || column == null || index < 0) {
            return "hunt, title, index, row and column are required";
        }
        if (RECORD.equals(kind)) {
            return program == null || argv == null || argv.isEmpty() || environment == null || directory == null || hide == null
                    ? "a record job needs program, argv, environment, directory and hide" : null;
        }
        if (REPLAY.equals(kind)) {
            return trace == null || asHost == null ? "a replay job needs trace and as_host" : null;
        }
        return "kind must be record or replay, not " + kind;
    }

    boolean sameHunt(HuntJob other) {
        return hunt.equals(other.hunt) && title.equals(other.title);
    }
}
