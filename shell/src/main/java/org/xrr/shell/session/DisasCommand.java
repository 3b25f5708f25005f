package org.xrr.shell.session;

import org.xrr.disasm.process.Symbolizer;
import org.xrr.interposer.debug.TaskInspector;
import org.xrr.interposer.ptrace.Registers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code disas [ADDR] [N]}: Capstone's reading of the task's code, with symbols. */
@Command(name = "disas", description = "Disassemble N instructions (default 16) of the task's code at ADDR (default RIP), "
        + "naming the function each starts; => marks RIP.")
final class DisasCommand implements Callable<Integer> {
    private final SessionContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ADDR")
    String address;

    @Parameters(index = "1", arity = "0..1", paramLabel = "N", defaultValue = "16")
    int count;

    DisasCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Counted.positive(count, "disas");
        String text = context.require().inspect(task -> {
            long from = address == null ? task.register(Registers.RIP) : Addresses.resolve(address, task, "disas: address");
            StringBuilder b = new StringBuilder();
            String function = null;
            for (TaskInspector.Line l : task.disassemble(from, count)) {
                // A heading where the function (or, without symbols, the mapping) changes.
                Symbolizer.Location at = l.location();
                String name = (at.mapping() == null ? "" : at.mapping().name()) + " " + at.symbol();
                if (!name.equals(function)) {
                    b.append(at.describe().replaceFirst("\\+0x0$", "")).append(":\n");
                }
                function = name;
                b.append(l.current() ? "=> " : "   ").append(String.format("0x%x: %-24s %s%n", l.instruction().address(),
                        l.instruction().hexBytes(), l.instruction().text()));
            }
            return b.toString().stripTrailing();
        });
        context.out().println(text);
        context.out().flush();
        return 0;
    }
}
