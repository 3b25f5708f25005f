package org.xrr.shell.session;

import org.xrr.shell.Cli;
import org.xrr.shell.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.lang.reflect.Constructor;

/**
 * The commands of the replay shell that move a replay and inspect it. They share a
 * {@link SessionContext}, which the factory hands to each, and Cli's error handling.
 */
@Command(name = "session", versionProvider = VersionProvider.class,
        description = "Commands that step through a replay and inspect it.",
        subcommands = {OpenCommand.class, ContinueCommand.class, StepCommand.class, NextCommand.class, SeekCommand.class,
                RestartCommand.class, BreakCommand.class, DeleteCommand.class, InfoCommand.class, RegsCommand.class,
                ExamineCommand.class, DisasCommand.class, WhereCommand.class, EventsCommand.class, ModelCommand.class})
public final class SessionCommands {
    private SessionCommands() {
    }

    public static CommandLine create(SessionContext context) {
        CommandLine cli = new CommandLine(new SessionCommands(), new Factory(context));
        Cli.configure(cli);
        return cli;
    }

    /** Creates session commands with the context, and everything else picocli needs as it would. */
    private record Factory(SessionContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == SessionContext.class) {
                    return cls.cast(c.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
