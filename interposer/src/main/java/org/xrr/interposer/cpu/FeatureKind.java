package org.xrr.interposer.cpu;

/** What a CPUID feature bit is for, which decides how a model may treat it. */
public enum FeatureKind {
    /**
     * Something user code executes or relies on to run correctly: an instruction set, an
     * encoding, a mode. A model must never show one the host lacks.
     */
    USER,
    /**
     * For the kernel, a hypervisor or firmware, or merely informative to user code: privileged
     * instructions, MSRs, paging and interrupt facilities, power, debug and monitoring, speculation
     * mitigations and errata, topology, and performance hints such as fast string operations.
     * Presenting another CPU limits these to the host without refusing over them.
     */
    SYSTEM,
    /** Set by the OS rather than the CPU (OSXSAVE, OSPKE): a model derives it from other features. */
    OS_STATE
}
