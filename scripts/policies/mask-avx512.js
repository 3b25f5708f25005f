// Hide AVX-512: every AVX-512 extension goes with avx512f, and XCR0 loses the opmask and ZMM
// components, so the program takes its AVX2 code paths.
cpu.hide('avx512f');
