package org.xrr.shell.hunt;

import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import org.xrr.shell.run.Traced;
import org.xrr.shell.run.TracedProgram;
import org.xrr.shell.trace.TraceParameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code xrr hunt matrix}: will this recording replay over there? One replay per profile and policy. */
@Command(name = "matrix", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Replay TRACE as every host the profiles in DIR describe, as they are and under each policy "
                + "(replay --as-host): each cell replays, is refused with the named differences, or diverges at an event. "
                + "Exits 0 when every cell replays, 1 otherwise.")
public final class HuntMatrixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceParameter trace;

    @Option(names = "--profiles", paramLabel = "DIR", required = true, description = "A directory of CPU profiles (*.json).")
    Path profiles;

    @Option(names = "--policy", paramLabel = "FILE.js",
            description = "Also replay as each host under this masking policy (a VM that hides features, say); repeatable.")
    List<Path> policies = new ArrayList<>();

    @Mixin
    HuntOptions options;

    @Override
    public Integer call() throws Exception {
        TraceDirectory dir = trace.open();
        List<Path> files = profileFiles();
        for (Path policy : policies) {
            if (!Files.isRegularFile(policy)) {
                throw new UserError(policy + ": no such policy file");
            }
        }
        String title = "xrr hunt matrix: " + dir.path().getFileName() + " as " + files.size() + " hosts"
                + (policies.isEmpty() ? "" : ", with " + policies.size() + " policies");
        List<HuntJob> jobs = MatrixAnalysis.plan(title, dir.path(), files, policies);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (options.emitJobs(jobs, err)) {
            return 0;
        }
        return options.locally("hunt matrix", TracedProgram.defaultSiteCache(), err, local -> Traced.run(dir.header().executable(), () -> {
            MatrixAnalysis analysis = MatrixAnalysis.of(jobs, local.run(jobs));
            options.print(analysis.report(), out, err);
            return analysis.status();
        }));
    }

    private List<Path> profileFiles() throws IOException {
        if (!Files.isDirectory(profiles)) {
            throw new UserError("--profiles: " + profiles + " is not a directory");
        }
        try (Stream<Path> all = Files.list(profiles)) {
            List<Path> files = all.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            if (files.isEmpty()) {
                throw new UserError("--profiles: " + profiles + " holds no profile (*.json)");
            }
            return files;
        }
    }
}
