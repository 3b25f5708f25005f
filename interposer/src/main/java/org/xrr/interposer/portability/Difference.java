package org.xrr.interposer.portability;

/**
 * One reason a machine cannot present a recorded CPU model.
 *
 * @param kind    what differs
 * @param message what the recording had and what the machine has, for people
 */
public record Difference(Kind kind, String message) {
    public enum Kind {
        /** The recording presented an XCR0 component the machine does not enable. */
        XCR0,
        /** A presented component has another size or compacted alignment in the machine's XSAVE layout. */
        XSAVE_LAYOUT,
        /** The recording showed the program an instruction set the machine lacks. */
        INSTRUCTION_SET
    }
}
