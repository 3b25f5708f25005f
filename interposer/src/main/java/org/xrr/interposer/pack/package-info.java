/**
 * Packing: copies of the files a recording mapped, kept in the trace's {@code files/} directory
 * under their SHA-256, so that the trace replays where those files are missing or different.
 */
package org.xrr.interposer.pack;
