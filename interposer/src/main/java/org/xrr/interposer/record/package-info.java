/**
 * Recording: a traced run whose syscalls, trapped instructions, new tasks and exits are written
 * to a trace, with everything that would make a second run differ either recorded (AT_RANDOM,
 * RDTSC, what each syscall wrote) or switched off (address-space randomization, the vDSO, rseq).
 */
package org.xrr.interposer.record;
