/**
 * The trace format: what {@code xrr record} writes and replay reads, laid out in
 * {@code interposer/TRACE-FORMAT.md}.
 *
 * <p>A trace is a {@link org.xrr.interposer.trace.TraceDirectory}: a JSON {@link
 * org.xrr.interposer.trace.TraceHeader} and a binary stream of {@link
 * org.xrr.interposer.trace.TraceEvent}s, compact varint encodings gathered into zstd-compressed,
 * CRC-checked frames. The {@link org.xrr.interposer.trace.TraceWriter} writes a frame at a time,
 * so a recorder that dies leaves a readable prefix; the {@link
 * org.xrr.interposer.trace.TraceReader} returns that prefix and then one {@link
 * org.xrr.interposer.trace.TraceFormatException} naming the first event it could not read.
 */
package org.xrr.interposer.trace;
