// What rr always hides when it records, so that a program sees the CPU it would see under rr:
// RDRAND and RDSEED (results that differ on every run), RTM (transactions abort at every ptrace
// stop) and XSAVEOPT (it skips saving state it believes unmodified, which differs between runs).
cpu.hide('rdrand', 'rdseed', 'rtm', 'xsaveopt');
