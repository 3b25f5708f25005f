// Every CPUID query the program made, in order: leaf, subleaf, the function that asked, and
// the answer it got.  Usage: xrr script scripts/sessions/cpuid-queries.js TRACE
if (xrr.args.length !== 1) {
    throw new Error('usage: cpuid-queries.js TRACE');
}
const hex = (v) => '0x' + BigInt(v).toString(16).padStart(8, '0');
const session = xrr.replay(xrr.args[0]);
const isCpuid = (e) => e.kind === 'trap' && e.instruction === 'cpuid';
print('event    leaf        subleaf     eax        ebx        ecx        edx        site');
// Replayed rather than read from the trace alone, to name each site in the running process.
for (let e = session.continue(isCpuid); e !== null; e = session.continue(isCpuid)) {
    const [leaf, subleaf] = e.inputs;
    print(`${String(e.index).padEnd(8)} ${hex(leaf)}  ${hex(subleaf)}  ${e.outputs.map(hex).join(' ')} ${session.symbol(e.rip)}`);
}
if (session.divergence !== null) {
    throw new Error(session.divergence.message);
}
