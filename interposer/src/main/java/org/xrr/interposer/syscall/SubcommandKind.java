package org.xrr.interposer.syscall;

/** What a {@link SubcommandTable} is keyed by, and how its values read in messages. */
public enum SubcommandKind {
    IOCTL_REQUEST("ioctl request"),
    FCNTL_COMMAND("fcntl command"),
    PRCTL_OPTION("prctl option"),
    ARCH_PRCTL_CODE("arch_prctl code"),
    FUTEX_OPERATION("futex operation");

    /** By the _IOC direction field: none, write (user to kernel), read, both. */
    private static final String[] IOC_MACROS = {"_IO", "_IOW", "_IOR", "_IOWR"};

    private final String noun;

    SubcommandKind(String noun) {
        this.noun = noun;
    }

    public String noun() {
        return noun;
    }

    /** A value as it reads best: ioctl requests and arch_prctl codes in hex, the others in decimal. */
    String number(long value) {
        return this == IOCTL_REQUEST || this == ARCH_PRCTL_CODE ? "0x" + Long.toHexString(value) : Long.toString(value);
    }

    /**
     * A value the table does not name. An ioctl request is also decoded from its _IOC fields
     * (direction, type, number, size), which tell the driver and the size of the argument.
     */
    String unknown(long value) {
        return this == IOCTL_REQUEST ? number(value) + " (" + ioc(value) + ")" : number(value);
    }

    private static String ioc(long request) {
        int direction = (int) (request >>> 30) & 3;
        int size = (int) (request >>> 16) & 0x3fff;
        int type = (int) (request >>> 8) & 0xff;
        int number = (int) request & 0xff;
        String typeText = type >= 0x20 && type < 0x7f ? "'" + (char) type + "'" : "0x" + Integer.toHexString(type);
        return IOC_MACROS[direction] + "(" + typeText + ", 0x" + Integer.toHexString(number) + (direction == 0 ? "" : ", " + size) + ")";
    }
}
