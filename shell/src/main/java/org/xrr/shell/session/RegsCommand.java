package org.xrr.shell.session;

import org.xrr.interposer.debug.XsaveImage;
import org.xrr.interposer.ptrace.Registers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code regs [NAME]}: the registers of the task at the current event, the XSAVE state too. */
@Command(name = "regs", description = "Show the registers of the task that made the current event: all general-purpose "
        + "ones, or one by name (rax, rip, fs_base...), or extended state: xstate (header and MXCSR), xmm0-15, ymm0-15.")
final class RegsCommand implements Callable<Integer> {
    private final SessionContext context;

    @Parameters(arity = "0..1", paramLabel = "NAME")
    String name;

    RegsCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DebugSession s = context.require();
        String text = s.inspect(task -> {
            if (name == null) {
                StringBuilder b = new StringBuilder();
                int i = 0;
                for (Map.Entry<String, Long> r : task.registers().entrySet()) {
                    b.append(i++ % 3 == 0 ? (i == 1 ? "" : "\n") : "  ").append(String.format("%-8s 0x%016x", r.getKey(), r.getValue()));
                }
                return b.toString();
            }
            String n = name.toLowerCase(Locale.ROOT).replaceFirst("^\\$", "");
            int index = Registers.indexOf(n);
            if (index >= 0) {
                return String.format("%s 0x%016x (%d)", n, task.register(index), task.register(index));
            }
            XsaveImage x = task.xstate();
            if (n.equals("xstate")) {
                return String.format("xstate: %d bytes, XSTATE_BV 0x%x, XCOMP_BV 0x%x, MXCSR 0x%08x", x.size(), x.xstateBv(),
                        x.xcompBv(), x.mxcsr());
            }
            if (n.matches("(xmm|ymm)\\d{1,2}")) {
                int reg = Integer.parseInt(n.substring(3));
                byte[] v = n.startsWith("x") ? x.xmm(reg) : x.ymm(reg);
                return n + " 0x" + HexFormat.of().formatHex(reversed(v));
            }
            throw new IllegalArgumentException("regs: no register '" + name + "' (general-purpose names as in 'regs', "
                    + "xstate, xmm0-15, ymm0-15)");
        });
        context.out().println(text);
        context.out().flush();
        return 0;
    }

    /** Most significant byte first, as a number is written. */
    private static byte[] reversed(byte[] v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[v.length - 1 - i];
        }
        return out;
    }
}
