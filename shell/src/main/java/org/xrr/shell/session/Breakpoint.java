package org.xrr.shell.session;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.debug.Stop;
import org.xrr.interposer.syscall.SyscallTable;
import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.SignalEvent;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.trace.TrapEvent;
import org.xrr.shell.UserError;
import org.xrr.shell.trace.SignalNames;

import java.util.List;
import java.util.function.Predicate;

/** A condition on events at which a running replay is held: {@code break syscall openat}, {@code break cpuid 7.0}. */
public record Breakpoint(int number, String description, Predicate<Stop> condition) {
    /** The kinds {@code break} takes, for its help and completion. */
    public static final List<String> KINDS = List.of("syscall", "cpuid", "site", "signal", "event", "exec");

    /** Parses {@code KIND [ARG]} as {@code break} takes it. */
    public static Breakpoint parse(int number, String kind, String arg) {
        if (!KINDS.contains(kind)) {
            throw new UserError("break: no breakpoint kind '" + kind + "'; kinds: " + String.join(", ", KINDS));
        }
        if (kind.equals("exec")) {
            if (arg != null) {
                throw new UserError("break exec takes no argument");
            }
            return new Breakpoint(number, "exec", s -> s.event() instanceof ExecEvent);
        }
        if (arg == null) {
            throw new UserError("break " + kind + ": missing " + switch (kind) {
                case "syscall" -> "NAME";
                case "cpuid" -> "LEAF[.SUBLEAF]";
                case "site" -> "ADDRESS";
                case "signal" -> "SIGNAL";
                default -> "EVENT";
            });
        }
        return switch (kind) {
            case "syscall" -> {
                int nr = SyscallTable.number(arg).orElseThrow(() -> new UserError("break syscall: '" + arg
                        + "' is not an x86-64 syscall name"));
                yield new Breakpoint(number, "syscall " + arg, s -> s.event() instanceof SyscallEvent e && e.number() == nr);
            }
            case "cpuid" -> {
                int dot = arg.indexOf('.');
                long leaf = Numbers.parse(dot < 0 ? arg : arg.substring(0, dot), "break cpuid: leaf");
                Long sub = dot < 0 ? null : Numbers.parse(arg.substring(dot + 1), "break cpuid: subleaf");
                yield new Breakpoint(number, "cpuid " + arg, s -> s.event() instanceof TrapEvent t && t.site() == SiteKind.CPUID
                        && t.inputs()[0] == leaf && (sub == null || t.inputs()[1] == sub));
            }
            case "site" -> {
                long rip = Numbers.parse(arg, "break site: address");
                yield new Breakpoint(number, "site 0x" + Long.toHexString(rip), s -> s.event() instanceof TrapEvent t && t.rip() == rip);
            }
            case "signal" -> {
                int signal = SignalNames.number(arg).orElseThrow(() -> new UserError("break signal: no signal named '" + arg + "'"));
                yield new Breakpoint(number, "signal " + SignalNames.of(signal), s -> s.event() instanceof SignalEvent e && e.signal() == signal);
            }
            default -> {
                long index = Numbers.parse(arg, "break event: index");
                yield new Breakpoint(number, "event " + index, s -> s.index() == index);
            }
        };
    }
}
