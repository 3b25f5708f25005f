/**
 * The CPU model: what a traced program sees of the CPU through CPUID, XGETBV and the XSAVE
 * layout, as a CPUID table plus XCR0.
 *
 * <p>{@link org.xrr.interposer.cpu.CpuModelBuilder} starts from the host ({@link
 * org.xrr.interposer.cpu.CpuidTable} and XCR0), applies what the user asks for (features hidden
 * by their Linux names from the {@link org.xrr.interposer.cpu.FeatureCatalogue}, rr-style raw
 * masks, a smaller XCR0, another CPU from a {@link org.xrr.interposer.cpu.CpuProfile}) and makes
 * the result consistent, because programs cross-check what they read: glibc sizes its XSAVE
 * buffer from leaf 0xD for every component it knows, whatever the feature bits say. The
 * emulator answers trapped instructions from the resulting {@link
 * org.xrr.interposer.cpu.CpuModel} without allocating.
 */
package org.xrr.interposer.cpu;
