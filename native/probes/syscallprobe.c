/*
 * syscallprobe FILE DIR: makes syscalls of every kind of output the syscall table describes,
 * each writing into an arena at a fixed address (ARENA, 64 KiB, filled with 0xAA), so that a
 * tracer can compare what the kernel changed there with what the table says it wrote.
 * FILE should be 160 bytes long (readv then ends inside its second iovec), DIR a directory.
 * Calls go through syscall() so that glibc neither adds nor replaces any.
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define ARENA 0x10000000000UL
#define ARENA_SIZE 65536

static unsigned char *at(unsigned long offset)
{
    return (unsigned char *)(ARENA + offset);
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    if (mmap((void *)ARENA, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0)
        != (void *)ARENA)
        return 3;
    memset(at(0), 0xAA, ARENA_SIZE);

    /* Files: result-sized buffers, an iovec array the result ends inside, fixed-size structs. */
    long fd = syscall(SYS_openat, AT_FDCWD, argv[1], O_RDONLY);
    syscall(SYS_read, fd, at(0x0), 100);
    syscall(SYS_pread64, fd, at(0x100), 50, 10);
    struct iovec *iov = (struct iovec *)at(0x200);
    iov[0] = (struct iovec){at(0x300), 10};
    iov[1] = (struct iovec){at(0x400), 100};
    syscall(SYS_readv, fd, iov, 2);
    syscall(SYS_fstat, fd, at(0x500));
    syscall(SYS_newfstatat, AT_FDCWD, argv[1], at(0x600), 0);
    syscall(SYS_statx, AT_FDCWD, argv[1], 0, 0x7ff, at(0x700));
    syscall(SYS_fstatfs, fd, at(0x800));
    struct flock *lock = (struct flock *)at(0x900);
    *lock = (struct flock){.l_type = F_RDLCK, .l_whence = SEEK_SET};
    syscall(SYS_fcntl, fd, F_GETLK, lock);
    long dir = syscall(SYS_openat, AT_FDCWD, argv[2], O_RDONLY | O_DIRECTORY);
    syscall(SYS_getdents64, dir, at(0x2000), 4096);
    syscall(SYS_readlink, "/proc/self/exe", at(0x3000), 256);
    syscall(SYS_getcwd, at(0x3100), 256);

    /* A pipe: its descriptors, ioctls (one failing), poll, select with a timeout, epoll. */
    int *pipefd = (int *)at(0xa00);
    syscall(SYS_pipe2, pipefd, O_CLOEXEC);
    syscall(SYS_write, pipefd[1], "hello", 5);
    syscall(SYS_ioctl, pipefd[0], FIONREAD, at(0xa10));
    syscall(SYS_ioctl, pipefd[0], TCGETS, at(0xa20));
    struct pollfd *pfd = (struct pollfd *)at(0xb00);
    pfd[0] = (struct pollfd){pipefd[0], POLLIN, 0};
    pfd[1] = (struct pollfd){pipefd[1], POLLOUT, 0};
    syscall(SYS_poll, pfd, 2, 0);
    fd_set *readable = (fd_set *)at(0xc00);
    FD_ZERO(readable);
    FD_SET(pipefd[0], readable);
    struct timeval *timeout = (struct timeval *)at(0xc80);
    *timeout = (struct timeval){1, 0};
    syscall(SYS_select, pipefd[0] + 1, readable, NULL, NULL, timeout);
    long ep = syscall(SYS_epoll_create1, 0);
    struct epoll_event event = {.events = EPOLLIN, .data.u64 = 7};
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, pipefd[0], &event);
    syscall(SYS_epoll_wait, ep, at(0xd00), 4, 0);
    syscall(SYS_read, pipefd[0], at(0xd80), 64);

    /* A pseudo-terminal, where TCGETS writes the kernel's struct termios (skipped without /dev/ptmx). */
    long master = syscall(SYS_openat, AT_FDCWD, "/dev/ptmx", O_RDWR | O_NOCTTY);
    if (master >= 0) {
        int unlock = 0;
        syscall(SYS_ioctl, master, TIOCGPTN, at(0xa40));
        syscall(SYS_ioctl, master, TIOCSPTLCK, &unlock);
        char path[32];
        snprintf(path, sizeof path, "/dev/pts/%u", *(unsigned *)at(0xa40));
        long slave = syscall(SYS_openat, AT_FDCWD, path, O_RDWR | O_NOCTTY);
        syscall(SYS_ioctl, slave, TCGETS, at(0xa60));
        syscall(SYS_ioctl, slave, TIOCGWINSZ, at(0xaa0));
    }

    /* A socket pair: a message with data over two iovecs and a descriptor, the local address. */
    int *sv = (int *)at(0xe00);
    syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
    char cbuf[CMSG_SPACE(sizeof(int))];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec out = {"abc", 3};
    struct msghdr sent = {.msg_iov = &out, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&sent);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &pipefd[0], sizeof(int));
    syscall(SYS_sendmsg, sv[0], &sent, 0);
    struct iovec *in = (struct iovec *)at(0xf40);
    in[0] = (struct iovec){at(0x1000), 2};
    in[1] = (struct iovec){at(0x1080), 10};
    struct msghdr *received = (struct msghdr *)at(0xf00);
    *received = (struct msghdr){.msg_name = at(0xf80), .msg_namelen = 64, .msg_iov = in, .msg_iovlen = 2,
                                .msg_control = at(0x1100), .msg_controllen = 64};
    syscall(SYS_recvmsg, sv[1], received, 0);
    socklen_t *length = (socklen_t *)at(0x1280);
    *length = 128;
    syscall(SYS_getsockname, sv[0], at(0x1200), length);

    /* A child to wait for: status and rusage. */
    pid_t child = fork();
    if (child == 0)
        _exit(3);
    syscall(SYS_wait4, child, at(0x1300), 0, at(0x1400));

    /* Time, randomness and the process's own state. */
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, at(0x1500));
    syscall(SYS_gettimeofday, at(0x1510), at(0x1520));
    syscall(SYS_getrandom, at(0x1540), 32, 0);
    syscall(SYS_uname, at(0x1600));
    syscall(SYS_sysinfo, at(0x1800));
    syscall(SYS_getrusage, RUSAGE_SELF, at(0x1900));
    syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, at(0x1a00));
    syscall(SYS_times, at(0x1a80));
    syscall(SYS_time, at(0x1ac0));
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, at(0x3200), 8);
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, at(0x3240), 8);
    syscall(SYS_sigaltstack, NULL, at(0x3260));
    syscall(SYS_prctl, PR_GET_NAME, at(0x3280));
    syscall(SYS_arch_prctl, ARCH_GET_FS, at(0x32a0));
    syscall(SYS_sched_getaffinity, 0, 128, at(0x3300));
    syscall(SYS_getresuid, at(0x3400), at(0x3404), at(0x3408));
    syscall(SYS_getgroups, 32, at(0x3500));

    /* Sleeps that finish write no remaining time. */
    struct timespec *nap = (struct timespec *)at(0x3600);
    *nap = (struct timespec){0, 1000};
    syscall(SYS_nanosleep, nap, at(0x3610));
    syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, nap, at(0x3620));
    return 0;
}
