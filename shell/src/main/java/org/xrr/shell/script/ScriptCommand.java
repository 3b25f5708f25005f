package org.xrr.shell.script;

import org.xrr.shell.VersionProvider;
import org.xrr.shell.trace.ReplayCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code xrr script FILE.js [ARGS]}: a session script. */
@Command(name = "script", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run a JavaScript session script, which records and replays programs and queries their events "
                + "through the 'xrr' object (see scripts/README.md); ARGS are in xrr.args.")
public final class ScriptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.js")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SessionScript.run(file, args, ReplayCommand.text(spec.commandLine().getOut()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
