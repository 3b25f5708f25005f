/*
 * xsaveprobe: where XSAVE puts the AVX-512 opmask state and where XRSTOR takes it from, by the
 * offsets CPUID leaf 0xD gives. It sets k1, saves with XSAVE (and XSAVEOPT), reads k1's value
 * where leaf 0xD subleaf 5 puts the opmask component, writes another value there, restores
 * with XRSTOR and reads k1 again. On a CPU (or a model) whose leaf 0xD is right, it prints
 *
 *   k1 at 0x...: xsave 0x5a3c xsaveopt 0x5a3c xrstor 0x1234
 *
 * and exits 0; it exits 1 when any of the three is not the value expected, and 2 without AVX-512
 * in XCR0.
 */
#include <cpuid.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPMASK 5
/* The opmask component holds k0 to k7, eight bytes each. */
#define K1 8

static uint64_t opmask_at(const unsigned char *image, unsigned offset)
{
    uint64_t v;
    memcpy(&v, image + offset, sizeof v);
    return v;
}

int main(void)
{
    unsigned a, b, c, d;
    __cpuid_count(0xd, 0, a, b, c, d);
    unsigned size = b;
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if (!(lo & (1u << OPMASK))) {
        fprintf(stderr, "xsaveprobe: no AVX-512 state in XCR0\n");
        return 2;
    }
    __cpuid_count(0xd, OPMASK, a, b, c, d);
    unsigned offset = b + K1;
    unsigned char *image = aligned_alloc(64, (size + 63) & ~63u);
    memset(image, 0, size);

    uint16_t k = 0x5a3c;
    /* Built without -mavx512f, the compiler never uses k1 itself. */
    __asm__ volatile("kmovw %0, %%k1" : : "r"((uint32_t)k));
    __asm__ volatile("xsave (%0)" : : "r"(image), "a"(~0u), "d"(~0u) : "memory");
    uint64_t saved = opmask_at(image, offset);
    memset(image + offset, 0, 8);
    __asm__ volatile("xsaveopt (%0)" : : "r"(image), "a"(~0u), "d"(~0u) : "memory");
    uint64_t saved_opt = opmask_at(image, offset);

    uint64_t other = 0x1234;
    memcpy(image + offset, &other, sizeof other);
    __asm__ volatile("xrstor (%0)" : : "r"(image), "a"(~0u), "d"(~0u) : "memory");
    uint32_t back;
    __asm__ volatile("kmovw %%k1, %0" : "=r"(back));
    printf("k1 at 0x%x: xsave 0x%" PRIx64 " xsaveopt 0x%" PRIx64 " xrstor 0x%x\n", offset, saved, saved_opt, back);
    free(image);
    return saved == k && saved_opt == k && back == other ? 0 : 1;
}
