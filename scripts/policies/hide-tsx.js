// Hide Intel TSX, both of its interfaces: HLE (lock elision prefixes) and RTM (xbegin/xend).
// Transactions abort at the first ptrace stop, so a traced program is better off without them.
cpu.hide('hle', 'rtm');
