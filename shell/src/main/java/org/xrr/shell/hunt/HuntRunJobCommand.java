package org.xrr.shell.hunt;

import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.run.Traced;
import org.xrr.shell.run.TracedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code xrr hunt run-job}: runs one cell that {@code --emit-jobs} wrote, wherever a scheduler puts it. */
@Command(name = "run-job", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run one job file written by a hunt's --emit-jobs, leaving its result next to it (FILE's name with "
                + ".result) for 'xrr hunt merge'.")
public final class HuntRunJobCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The job file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        HuntJob job;
        try {
            job = HuntJob.read(file);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        Path result = HuntJob.resultDir(file);
        Traced.run(job.argv() == null ? "job " + job.index() : job.argv().get(0), () -> {
            new JobRunner(TracedProgram.defaultSiteCache()).run(job, result);
            return null;
        });
        PrintWriter err = spec.commandLine().getErr();
        err.println("xrr: job " + job.index() + " (" + job.row() + " / " + job.column() + ") done; its result is in " + result);
        err.flush();
        return 0;
    }
}
