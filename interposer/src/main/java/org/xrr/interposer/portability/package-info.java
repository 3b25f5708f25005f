/**
 * Whether a trace can replay on a machine: the CPU the recording presented against what the
 * machine can present, checked before anything runs.
 */
package org.xrr.interposer.portability;
