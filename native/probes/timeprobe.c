/*
 * timeprobe: prints what differs on every run - the monotonic clock, the real-time clock,
 * random bytes from getrandom and the time-stamp counter - so that a replay that prints the
 * same line proves each of them was recorded and given back.
 */
#include <stdio.h>
#include <sys/random.h>
#include <time.h>
#include <x86intrin.h>

int main(void)
{
    struct timespec mono, real;
    unsigned char random[8];
    if (clock_gettime(CLOCK_MONOTONIC, &mono) || clock_gettime(CLOCK_REALTIME, &real)
        || getrandom(random, sizeof random, 0) != (ssize_t)sizeof random) {
        perror("timeprobe");
        return 1;
    }
    unsigned long long tsc = __rdtsc();
    unsigned aux;
    unsigned long long tscp = __rdtscp(&aux);
    printf("monotonic %ld.%09ld realtime %ld.%09ld random", (long)mono.tv_sec, mono.tv_nsec, (long)real.tv_sec,
           real.tv_nsec);
    for (unsigned i = 0; i < sizeof random; i++)
        printf(" %02x", random[i]);
    printf(" rdtsc %llu rdtscp %llu\n", tsc, tscp);
    return 0;
}
