/*
 * cpuprobe: shows what a program sees of the CPU, and holds one instance of every
 * instruction kind xrr traps, each in its own function named site_<kind>, so that
 * tests know exactly where each site is.
 *
 *   cpuprobe cpuid LEAF[.SUB] ...   print the four registers of each leaf
 *   cpuprobe xgetbv                 print XGETBV(0) and XGETBV(1)
 *   cpuprobe xsave-size             bytes XSAVE and XSAVEC write with an all-ones mask
 *   cpuprobe wait                   print "ready" and wait for a line on stdin
 *   cpuprobe jit                    copy a CPUID stub into anonymous executable memory,
 *                                   call it, print its address, then wait as above
 *   cpuprobe crash                  call through a null function pointer (dies of SIGSEGV)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define SITE __attribute__((noinline, used))

SITE void site_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

SITE uint64_t site_xgetbv(uint32_t index)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(index));
    return ((uint64_t)hi << 32) | lo;
}

SITE uint64_t site_rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

SITE uint64_t site_rdtscp(void)
{
    uint32_t lo, hi, aux;
    __asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
    return ((uint64_t)hi << 32) | lo;
}

SITE uint64_t site_rdrand(void)
{
    uint64_t v;
    __asm__ volatile("rdrand %0" : "=r"(v) :: "cc");
    return v;
}

SITE uint64_t site_rdseed(void)
{
    uint64_t v;
    __asm__ volatile("rdseed %0" : "=r"(v) :: "cc");
    return v;
}

SITE uint64_t site_rdpid(void)
{
    uint64_t v;
    __asm__ volatile("rdpid %0" : "=r"(v));
    return v;
}

/* The XSAVE family with an all-ones requested-feature bitmap in EDX:EAX. */
#define XSAVE_SITE(name, insn)                                                      \
    SITE void site_##name(void *area)                                             \
    {                                                                             \
        __asm__ volatile(insn " (%0)" ::"r"(area), "a"(-1), "d"(-1) : "memory"); \
    }
XSAVE_SITE(xsave, "xsave")
XSAVE_SITE(xsave64, "xsave64")
XSAVE_SITE(xsaveopt, "xsaveopt")
XSAVE_SITE(xsaveopt64, "xsaveopt64")
XSAVE_SITE(xsavec, "xsavec")
XSAVE_SITE(xsavec64, "xsavec64")
XSAVE_SITE(xrstor, "xrstor")
XSAVE_SITE(xrstor64, "xrstor64")
XSAVE_SITE(fxsave, "fxsave")
XSAVE_SITE(fxsave64, "fxsave64")
XSAVE_SITE(fxrstor, "fxrstor")
XSAVE_SITE(fxrstor64, "fxrstor64")

SITE long site_syscall(long nr)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr) : "rcx", "r11", "memory");
    return ret;
}

#define XSAVE_AREA 16384
#define FILL 0xa5

/* Bytes written: the index of the last byte that no longer holds the fill pattern, plus one. */
static size_t bytes_written(const unsigned char *area)
{
    size_t n = XSAVE_AREA;
    while (n > 0 && area[n - 1] == FILL)
        n--;
    return n;
}

static int xsave_size(void)
{
    unsigned char *area = aligned_alloc(64, XSAVE_AREA);
    if (!area)
        return 1;
    memset(area, FILL, XSAVE_AREA);
    site_xsave(area);
    printf("xsave %zu\n", bytes_written(area));
    memset(area, FILL, XSAVE_AREA);
    site_xsavec(area);
    printf("xsavec %zu\n", bytes_written(area));
    free(area);
    return 0;
}

static int wait_for_line(void)
{
    char line[64];
    printf("ready\n");
    fflush(stdout);
    return fgets(line, sizeof line, stdin) ? 0 : 0;
}

static int jit(void)
{
    /* push rbx; cpuid; pop rbx; ret: a CPUID the scanner can only find by reading memory. */
    static const unsigned char stub[] = {0x53, 0x0f, 0xa2, 0x5b, 0xc3};
    unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memcpy(page, stub, sizeof stub);
    if (mprotect(page, 4096, PROT_READ | PROT_EXEC) != 0) {
        perror("mprotect");
        return 1;
    }
    __asm__ volatile("call *%0" ::"r"(page), "a"(0), "c"(0) : "rdx", "memory");
    printf("stub %p\n", (void *)page);
    return wait_for_line();
}

static int cpuid_leaves(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        char *end;
        uint32_t leaf = strtoul(argv[i], &end, 0), sub = 0, r[4];
        if (*end == '.')
            sub = strtoul(end + 1, &end, 0);
        if (*end != '\0') {
            fprintf(stderr, "cpuprobe: bad leaf '%s' (want LEAF or LEAF.SUB)\n", argv[i]);
            return 2;
        }
        site_cpuid(leaf, sub, r);
        printf("0x%" PRIx32 ".0x%" PRIx32 " eax=0x%08" PRIx32 " ebx=0x%08" PRIx32 " ecx=0x%08" PRIx32
               " edx=0x%08" PRIx32 "\n",
               leaf, sub, r[0], r[1], r[2], r[3]);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "cpuid") == 0)
        return cpuid_leaves(argc - 2, argv + 2);
    if (argc == 2 && strcmp(argv[1], "xgetbv") == 0) {
        printf("xcr0 0x%" PRIx64 "\nxinuse 0x%" PRIx64 "\n", site_xgetbv(0), site_xgetbv(1));
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "xsave-size") == 0)
        return xsave_size();
    if (argc == 2 && strcmp(argv[1], "wait") == 0)
        return wait_for_line();
    if (argc == 2 && strcmp(argv[1], "jit") == 0)
        return jit();
    if (argc == 2 && strcmp(argv[1], "crash") == 0) {
        void (*nowhere)(void) = NULL;
        __asm__ volatile("" : "+r"(nowhere));
        nowhere();
    }
    fprintf(stderr, "usage: cpuprobe cpuid LEAF[.SUB]... | xgetbv | xsave-size | wait | jit | crash\n");
    return 2;
}
