package org.xrr.shell.session;

import org.xrr.shell.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code x ADDR [LEN] [/FMT]}: the task's memory. */
@Command(name = "x", description = "Show LEN bytes (default 64) of the task's memory at ADDR (a number or a register: "
        + "rsp, $rdi) as /x hex and text (default), /q 64-bit words, or /s a NUL-terminated string.")
final class ExamineCommand implements Callable<Integer> {
    private static final int MAX = 1 << 20;
    private final SessionContext context;

    @Parameters(arity = "1..3", paramLabel = "ADDR [LEN] [/FMT]")
    List<String> words = new ArrayList<>();

    ExamineCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(words);
        String format = "x";
        if (args.get(args.size() - 1).startsWith("/")) {
            format = args.remove(args.size() - 1).substring(1);
        }
        if (args.isEmpty() || args.size() > 2 || !List.of("x", "q", "s").contains(format)) {
            throw new UserError("x: expected 'x ADDR [LEN] [/x|/q|/s]'");
        }
        long length = args.size() == 2 ? Numbers.parse(args.get(1), "x: length") : format.equals("s") ? 4096 : 64;
        if (length < 1 || length > MAX) {
            throw new UserError("x: length must be 1 to " + MAX + ", not " + length);
        }
        String f = format;
        String text = context.require().inspect(task -> {
            long address = Addresses.resolve(args.get(0), task, "x: address");
            if (f.equals("s")) {
                return String.format("0x%x: \"%s\"", address, task.readString(address, (int) length).replace("\n", "\\n"));
            }
            byte[] bytes = task.read(address, (int) length);
            return f.equals("q") ? words(address, bytes) : dump(address, bytes);
        });
        context.out().println(text);
        context.out().flush();
        return 0;
    }

    private static String words(long address, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 8 <= bytes.length; i += 8) {
            out.append(i % 16 == 0 ? (i == 0 ? "" : "\n") + String.format("0x%x:", address + i) : "").append(String.format("  0x%016x", b.getLong(i)));
        }
        return out.toString();
    }

    private static String dump(long address, byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < bytes.length; row += 16) {
            out.append(row == 0 ? "" : "\n").append(String.format("0x%x: ", address + row));
            StringBuilder ascii = new StringBuilder();
            for (int i = row; i < row + 16; i++) {
                if (i < bytes.length) {
                    out.append(String.format("%02x ", bytes[i] & 0xff));
                    ascii.append(bytes[i] >= 0x20 && bytes[i] < 0x7f ? (char) bytes[i] : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append(' ').append(ascii);
        }
        return out.toString();
    }
}
