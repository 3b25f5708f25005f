/*
 * isapath: takes the code path the CPU allows, as a program with hand-written kernels does, and
 * says which. `xrr hunt features` must find that hiding avx512f (and nothing else) changes it.
 */
#include <stdio.h>

int main(void)
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f"))
        puts("kernel: avx512f");
    else if (__builtin_cpu_supports("avx2"))
        puts("kernel: avx2");
    else
        puts("kernel: baseline");
    return 0;
}
