/**
 * Replay: the program runs again under the tracer, and at every event it must do what the trace
 * says it did. Syscalls whose effects are only outputs are skipped and their recorded results and
 * memory written back; those that shape the address space or the tasks run for real and are
 * checked. The first difference stops the replay with a {@link org.xrr.interposer.replay.Divergence}.
 */
package org.xrr.interposer.replay;
