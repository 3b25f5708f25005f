/*
 * treeprobe: checks that every thread and process of a tree sees the same CPU. Each one prints
 *   WHO leaf7.ebx=0x... leaf1.ecx=0x... xcr0=0x... xsave_size=N
 * from the main thread, THREADS threads, a forked child, a vforked child that execs itself
 * (`treeprobe leaf`), and a thread of the forked child.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS 4

static void report(const char *who)
{
    uint32_t a, b, c, d, b7, c1;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b7), "=c"(c), "=d"(d) : "a"(7), "c"(0));
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c1), "=d"(d) : "a"(1), "c"(0));
    uint32_t size;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(size), "=c"(c), "=d"(d) : "a"(0xd), "c"(0));
    uint32_t lo = 0, hi = 0;
    if (c1 & (1u << 27))
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    /* One write per line, so lines from threads and processes never interleave. */
    char line[160];
    int n = snprintf(line, sizeof line, "%s leaf7.ebx=0x%08" PRIx32 " leaf1.ecx=0x%08" PRIx32 " xcr0=0x%" PRIx64
                     " xsave_size=%" PRIu32 "\n", who, b7, c1, ((uint64_t)hi << 32) | lo, size);
    fflush(stdout);
    write(1, line, (size_t)n);
}

static void *thread_main(void *arg)
{
    char who[32];
    snprintf(who, sizeof who, "%s-thread-%ld", (const char *)((void **)arg)[0], (long)((void **)arg)[1]);
    report(who);
    return NULL;
}

static void run_threads(const char *prefix, int count)
{
    pthread_t t[THREADS];
    void *args[THREADS][2];
    for (long i = 0; i < count; i++) {
        args[i][0] = (void *)prefix;
        args[i][1] = (void *)i;
        if (pthread_create(&t[i], NULL, thread_main, args[i]) != 0) {
            perror("pthread_create");
            exit(1);
        }
    }
    for (int i = 0; i < count; i++)
        pthread_join(t[i], NULL);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "leaf") == 0) {
        report("exec");
        return 0;
    }
    report("main");
    run_threads("main", THREADS);
    pid_t child = fork();
    if (child == 0) {
        report("fork");
        run_threads("fork", 1);
        _exit(0);
    }
    pid_t vchild = vfork();
    if (vchild == 0) {
        execl("/proc/self/exe", argv[0], "leaf", (char *)NULL);
        _exit(127);
    }
    int status, failed = 0;
    waitpid(child, &status, 0);
    failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    waitpid(vchild, &status, 0);
    failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    return failed;
}
