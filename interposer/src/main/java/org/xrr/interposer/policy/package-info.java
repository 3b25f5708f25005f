/**
 * Masking policies: JavaScript that maps the host CPU and the user's arguments to a CPU model.
 *
 * <p>A policy is untrusted input. {@link org.xrr.interposer.policy.PolicySandbox} runs it in a
 * GraalJS context with no host access, no I/O, no threads or processes and bounds on time and
 * memory; data crosses only as JSON text. A policy runs once per session, before the program
 * starts: the trap path reads only the resulting {@link org.xrr.interposer.cpu.CpuModel}, and
 * {@link org.xrr.interposer.policy.PolicyModelCache} keeps models so that a repeated session
 * starts no JavaScript at all.
 */
package org.xrr.interposer.policy;
