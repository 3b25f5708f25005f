/**
 * The x86-64 syscalls as the recorder and replay see them.
 *
 * <p>{@link org.xrr.interposer.syscall.SyscallTable} is the one table: every syscall number with
 * its name, whether replay emulates, executes or refuses it (or the recorder cannot record it at
 * all), and what it writes into the caller's memory, in the small vocabulary of {@link
 * org.xrr.interposer.syscall.Output}. ioctl, fcntl, prctl, arch_prctl and futex write according to
 * a sub-command, so their rows hold a {@link org.xrr.interposer.syscall.SubcommandTable}.
 *
 * <p>At every syscall exit the recorder asks {@link org.xrr.interposer.syscall.SyscallOutputs}
 * for the {@link org.xrr.interposer.syscall.WrittenRanges} and saves those bytes with the result;
 * replay writes them back where the call is emulated. Before a call runs, the recorder checks
 * {@link org.xrr.interposer.syscall.SyscallTable#requireSupported}, so an unsupported call stops
 * the recording with its name instead of being recorded wrongly.
 */
package org.xrr.interposer.syscall;
