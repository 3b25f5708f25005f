/*
 * cpuloop: about a second of arithmetic and no syscalls but the final write, the CPU-bound
 * workload of the record benchmark. ITERATIONS can be given as the first argument.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    unsigned long iterations = argc > 1 ? strtoul(argv[1], NULL, 10) : 600000000UL;
    unsigned long x = 88172645463325252UL, sum = 0;
    for (unsigned long i = 0; i < iterations; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        sum += x & 0xff;
    }
    printf("%lu\n", sum);
    return 0;
}
