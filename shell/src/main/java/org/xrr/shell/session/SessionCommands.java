package org.xrr.shell.session;

import org.xrr.shell.Cli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commands of the replay shell that move a replay and inspect it, each a picocli command of
 * its own (so that its help reads {@code Usage: seek N}), sharing a {@link SessionContext}, which
 * the factory hands to each, and Cli's error handling.
 */
public final class SessionCommands {
    private static final List<Class<?>> COMMANDS = List.of(OpenCommand.class, ContinueCommand.class, StepCommand.class,
            NextCommand.class, SeekCommand.class, RestartCommand.class, BreakCommand.class, DeleteCommand.class, InfoCommand.class,
            RegsCommand.class, ExamineCommand.class, DisasCommand.class, WhereCommand.class, EventsCommand.class, ModelCommand.class);

    private final List<CommandLine> commands = new ArrayList<>();
    /** Each command by its name and aliases. */
    private final Map<String, CommandLine> byName = new LinkedHashMap<>();

    private SessionCommands(SessionContext context, PrintWriter out) {
        Factory factory = new Factory(context);
        for (Class<?> c : COMMANDS) {
            CommandLine cli = Cli.configure(new CommandLine(c, factory));
            cli.setOut(out);
            cli.setErr(out);
            commands.add(cli);
            byName.put(cli.getCommandName(), cli);
            for (String alias : cli.getCommandSpec().aliases()) {
                byName.put(alias, cli);
            }
        }
    }

    /** The commands, printing to {@code out}. */
    public static SessionCommands create(SessionContext context, PrintWriter out) {
        return new SessionCommands(context, out);
    }

    /** The command named (or aliased) {@code name}. */
    public Optional<CommandLine> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every name and alias. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** One line per command: its names and the first line of its description. */
    public void list(PrintWriter out) {
        for (CommandLine c : commands) {
            List<String> names = new ArrayList<>(List.of(c.getCommandName()));
            names.addAll(List.of(c.getCommandSpec().aliases()));
            String description = c.getCommandSpec().usageMessage().description()[0];
            int end = description.indexOf(". ");
            out.printf("  %-14s %s%n", String.join(", ", names), end < 0 ? description : description.substring(0, end + 1));
        }
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
