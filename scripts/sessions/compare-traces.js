// Compares two traces event by event and reports the first difference.  Thread ids differ
// from one recording to the next, so they are compared by the order they appeared in.
// With --ignore-time, what clocks answered (RDTSC, clock_gettime...) is left out too, so that
// two recordings of the same run compare equal.
// Usage: xrr script compare-traces.js [--ignore-time] TRACE_A TRACE_B
const ignoreTime = xrr.args[0] === '--ignore-time';
const traces = ignoreTime ? xrr.args.slice(1) : xrr.args;
if (traces.length !== 2) {
    throw new Error('usage: compare-traces.js [--ignore-time] TRACE_A TRACE_B');
}
const [a, b] = traces.map((t) => xrr.replay(t));
const clocks = new Set(['clock_gettime', 'gettimeofday', 'time', 'clock_getres']);

// What must match: everything but the thread ids, with each thread named by its order of
// appearance, and AT_RANDOM, which the kernel draws afresh for every run.
function signature(e, threads) {
    const copy = Object.assign({}, e);
    for (const field of ['tid', 'childTid']) {
        if (field in copy) {
            if (!threads.has(copy[field])) {
                threads.set(copy[field], 'thread ' + threads.size);
            }
            copy[field] = threads.get(copy[field]);
        }
    }
    delete copy.index;
    delete copy.atRandom;
    if (ignoreTime && copy.kind === 'trap' && copy.instruction.startsWith('rdtsc')) {
        delete copy.outputs;
    }
    if (ignoreTime && copy.kind === 'syscall' && clocks.has(copy.name)) {
        delete copy.memory;
    }
    return JSON.stringify(copy);
}

const left = a.events()[Symbol.iterator]();
const right = b.events()[Symbol.iterator]();
const threadsA = new Map();
const threadsB = new Map();
for (let index = 0; ; index++) {
    const x = left.next();
    const y = right.next();
    if (x.done && y.done) {
        print(`the traces match: ${index} events each`);
        break;
    }
    if (x.done || y.done) {
        print(`first difference at event ${index}: ${x.done ? a.trace : b.trace} ends there`);
        break;
    }
    const sx = signature(x.value, threadsA);
    const sy = signature(y.value, threadsB);
    if (sx !== sy) {
        print(`first difference at event ${index}:`);
        print(`  ${a.trace}: ${sx}`);
        print(`  ${b.trace}: ${sy}`);
        break;
    }
}
