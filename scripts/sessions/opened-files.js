// The files a program opened, with what the kernel answered (a descriptor or an error).
// The trace keeps what syscalls returned, not the paths they were given, so the paths are read
// from the replayed program's memory at each open.  Usage: xrr script opened-files.js TRACE
if (xrr.args.length !== 1) {
    throw new Error('usage: opened-files.js TRACE');
}
const session = xrr.replay(xrr.args[0]);
const opens = new Set(['open', 'openat', 'openat2', 'creat']);
const isOpen = (e) => e.kind === 'syscall' && opens.has(e.name);
for (let e = session.continue(isOpen); e !== null; e = session.continue(isOpen)) {
    const path = session.path();
    print(`${e.result >= 0 ? 'fd ' + e.result : 'error ' + -e.result}\t${path}`);
}
if (session.divergence !== null) {
    throw new Error(session.divergence.message);
}
