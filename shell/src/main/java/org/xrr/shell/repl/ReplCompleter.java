package org.xrr.shell.repl;

import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.xrr.interposer.cpu.CpuFeature;
import org.xrr.interposer.cpu.FeatureCatalogue;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.syscall.Syscall;
import org.xrr.interposer.syscall.SyscallTable;
import org.xrr.interposer.trace.EventKind;
import org.xrr.shell.session.Breakpoint;
import org.xrr.shell.session.EventQuery;
import org.xrr.shell.session.InfoCommand;
import org.xrr.shell.session.SessionCommands;
import org.xrr.shell.trace.SignalNames;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliJLineCompleter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Completion in the shell: command names; the options of the xrr commands (from picocli);
 * breakpoint kinds, syscall and signal names after {@code break}; query terms after {@code events};
 * register names after {@code regs}; CPU feature names after {@code --mask}; file paths where a
 * command takes a trace, a program or a script.
 */
final class ReplCompleter implements Completer {
    private static final Set<String> TAKE_FILES = Set.of("replay", "script", "record", "run", "dump", "traceinfo", "sites");

    private final CommandLine xrr;
    private final SessionCommands session;
    private final Completer options;
    private final Completer files = new Completers.FileNameCompleter();

    ReplCompleter(CommandLine xrr, SessionCommands session) {
        this.xrr = xrr;
        this.session = session;
        this.options = new PicocliJLineCompleter(xrr.getCommandSpec());
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        if (index == 0) {
            List<String> names = new ArrayList<>(Repl.BUILTINS);
            names.addAll(xrr.getSubcommands().keySet());
            names.addAll(session.names());
            add(candidates, names);
            return;
        }
        String command = words.get(0);
        String previous = words.get(index - 1);
        if (previous.equals("--mask")) {
            add(candidates, FeatureCatalogue.all().stream().map(CpuFeature::name).toList());
        } else if (command.equals("break") && index == 1) {
            add(candidates, Breakpoint.KINDS);
        } else if (command.equals("break") && index == 2 && previous.equals("syscall")) {
            add(candidates, SyscallTable.all().stream().map(Syscall::name).toList());
        } else if (command.equals("break") && index == 2 && previous.equals("signal")) {
            add(candidates, SignalNames.all());
        } else if (command.equals("events")) {
            List<String> terms = new ArrayList<>(EventQuery.TERMS);
            SyscallTable.all().forEach(s -> terms.add("syscall=" + s.name()));
            for (EventKind k : EventKind.values()) {
                terms.add("kind=" + k.label());
            }
            add(candidates, terms);
        } else if (command.equals("regs") && index == 1) {
            List<String> names = new ArrayList<>(List.of("xstate"));
            for (int i = 0; i < Registers.COUNT; i++) {
                names.add(Registers.name(i));
            }
            for (int i = 0; i < 16; i++) {
                names.add("xmm" + i);
                names.add("ymm" + i);
            }
            add(candidates, names);
        } else if (command.equals("info") && index == 1) {
            add(candidates, InfoCommand.TOPICS);
        } else if (TAKE_FILES.contains(command) && !line.word().startsWith("-")) {
            files.complete(reader, line, candidates);
        } else if (xrr.getSubcommands().containsKey(command)) {
            options.complete(reader, line, candidates);
        }
    }

    private static void add(List<Candidate> candidates, List<String> values) {
        for (String v : values) {
            candidates.add(new Candidate(v, v, null, null, null, null, !v.endsWith("=") && !v.endsWith("~")));
        }
    }
}
