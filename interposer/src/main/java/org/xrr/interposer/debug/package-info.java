/**
 * Replay under control: a replay that pauses at event boundaries ({@link org.xrr.interposer.debug.SteppableReplay}),
 * and what can be asked of a paused task ({@link org.xrr.interposer.debug.TaskInspector}). Every ptrace call is made
 * on the replay's tracer thread, which Linux binds the tracees to; other threads hand it requests.
 */
package org.xrr.interposer.debug;
