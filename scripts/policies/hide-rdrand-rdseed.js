// Hide the hardware random number instructions, so that programs fall back to getrandom(2),
// which xrr records, instead of instructions whose results differ on every run.
cpu.hide('rdrand', 'rdseed');
