// Which glibc-hwcaps directory the dynamic loader chose: the loader looks for each library in
// glibc-hwcaps/x86-64-v4, -v3 and -v2 of each directory it searches, only in those the CPU it
// sees supports, best first. This lists what it tried and the first it found.
// Usage: xrr script hwcaps.js TRACE
if (xrr.args.length !== 1) {
    throw new Error('usage: hwcaps.js TRACE');
}
const session = xrr.replay(xrr.args[0]);
const lookups = new Set(['open', 'openat', 'stat', 'lstat', 'newfstatat', 'statx', 'access', 'faccessat', 'faccessat2']);
const levels = new Set();
let chosen = null;
const isLookup = (e) => e.kind === 'syscall' && lookups.has(e.name);
for (let e = session.continue(isLookup); e !== null; e = session.continue(isLookup)) {
    const path = session.path();
    const level = /glibc-hwcaps\/(x86-64-v[0-9])\//.exec(path);
    if (level === null) {
        continue;
    }
    levels.add(level[1]);
    print(`${e.name} ${path}: ${e.result >= 0 ? 'found' : 'not there'}`);
    if (e.result >= 0 && chosen === null && (e.name === 'open' || e.name === 'openat')) {
        chosen = level[1];
    }
}
if (session.divergence !== null) {
    throw new Error(session.divergence.message);
}
print(`levels searched: ${levels.size === 0 ? 'none' : Array.from(levels).join(', ')}`);
print(`chosen: ${chosen === null ? 'none (the libraries came from the plain directories)' : 'glibc-hwcaps/' + chosen}`);
