package org.xrr.interposer.cpu;

import java.util.Objects;

/**
 * One change to a CPUID register, as a policy or profile edit asks for it.
 *
 * @param leaf     the leaf (EAX input)
 * @param subleaf  the subleaf (ECX input); 0 for leaves that have none
 * @param register which register of the answer
 * @param op       how {@code value} changes it
 * @param value    the new value, or the bits to set or clear
 */
public record RegisterEdit(int leaf, int subleaf, CpuidRegister register, Op op, int value) {
    public enum Op { SET, SET_BITS, CLEAR_BITS }

    public RegisterEdit {
        Objects.requireNonNull(register);
        Objects.requireNonNull(op);
    }

    void applyTo(CpuidTable.Builder table) {
        int old = table.get(leaf, subleaf, register);
        int updated = switch (op) {
            case SET -> value;
            case SET_BITS -> old | value;
            case CLEAR_BITS -> old & ~value;
        };
        table.set(leaf, subleaf, register, updated);
    }
}
