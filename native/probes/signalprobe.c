/*
 * signalprobe: signals of every kind a program meets, each reported on stdout:
 *   - synchronous: a SIGSEGV and a SIGFPE the program handles (and jumps out of);
 *   - SIGALRM from setitimer, which ends a busy loop with no syscall in it (the handler sets
 *     the flag the loop waits for);
 *   - SIGCHLD from a child's exit, and SIGUSR1 sent by the child with kill and SIGUSR2 with
 *     tgkill to the parent's main thread;
 *   - a read on an empty pipe interrupted by SIGALRM: EINTR without SA_RESTART, restarted with it
 *     (the data a child writes later arrives);
 *   - an SA_SIGINFO handler that reports si_signo and si_code, running on a sigaltstack;
 *   - SIGINT to the whole tree (the program makes itself a process group first);
 *   - a child killed by SIGTERM, and with "die" as argument, the program's own death by SIGTERM.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf escape;
static volatile sig_atomic_t alarms, usr1, usr2, chld, interrupts, info_code, info_signo, on_altstack;
static char altstack[1 << 16];

static void jump_out(int sig)
{
    siglongjmp(escape, sig);
}

static void count(int sig)
{
    if (sig == SIGALRM)
        alarms++;
    else if (sig == SIGUSR1)
        usr1++;
    else if (sig == SIGUSR2)
        usr2++;
    else if (sig == SIGCHLD)
        chld++;
    else if (sig == SIGINT)
        interrupts++;
}

static void with_info(int sig, siginfo_t *info, void *context)
{
    (void)context;
    char here;
    info_signo = sig;
    info_code = info->si_code;
    on_altstack = &here >= altstack && &here < altstack + sizeof altstack;
}

static void on(int sig, void (*handler)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void alarm_in(long usec)
{
    struct itimerval it = {{0, 0}, {0, usec}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void synchronous(void)
{
    on(SIGSEGV, jump_out, SA_NODEFER);
    on(SIGFPE, jump_out, SA_NODEFER);
    int sig = sigsetjmp(escape, 1);
    int *volatile nowhere = NULL;
    if (sig == 0)
        *nowhere = 1;
    printf("segv handled: %d\n", sig);
    sig = sigsetjmp(escape, 1);
    if (sig == 0) {
        int quotient = 1, high = 0, zero = 0;
        __asm__ volatile("idivl %2" : "+a"(quotient), "+d"(high) : "r"(zero));
        printf("unreachable %d\n", quotient);
    }
    printf("fpe handled: %d\n", sig);
}

static void busy_loop_until_alarm(void)
{
    on(SIGALRM, count, 0);
    alarms = 0;
    alarm_in(20000);
    unsigned long turns = 0;
    while (!alarms)
        turns++;
    printf("alarm ended the busy loop: %d\n", (int)alarms);
}

static void from_a_child(void)
{
    on(SIGUSR1, count, 0);
    on(SIGUSR2, count, 0);
    on(SIGCHLD, count, 0);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        kill(parent, SIGUSR1);
        syscall(SYS_tgkill, parent, parent, SIGUSR2);
        _exit(3);
    }
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        ;
    /* The signals may come after the wait returns: wait for the three. */
    while (!(usr1 && usr2 && chld))
        pause();
    printf("from a child: usr1 %d usr2 %d chld %d, exit %d\n", (int)usr1, (int)usr2, (int)chld, WEXITSTATUS(status));
}

static void interrupted_read(int restart)
{
    int fds[2];
    if (pipe(fds) != 0)
        return;
    on(SIGALRM, count, restart ? SA_RESTART : 0);
    pid_t child = fork();
    if (child == 0) {
        usleep(150000);
        if (write(fds[1], "late", 4) != 4)
            _exit(1);
        _exit(0);
    }
    close(fds[1]);
    alarm_in(30000);
    char buf[8];
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0)
        printf("read without SA_RESTART: %s\n", errno == EINTR ? "EINTR" : strerror(errno));
    else
        printf("read with SA_RESTART: %.*s\n", (int)n, buf);
    waitpid(child, NULL, 0);
    close(fds[0]);
}

static void siginfo_on_altstack(void)
{
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = with_info;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigqueue(getpid(), SIGUSR1, (union sigval){.sival_int = 7});
    printf("siginfo: signo %d code %d on the alternate stack %d\n", (int)info_signo, (int)info_code, (int)on_altstack);
}

static void interrupt_the_tree(void)
{
    if (setpgid(0, 0) != 0)
        return;
    on(SIGINT, count, 0);
    pid_t child = fork();
    if (child == 0) {
        while (!interrupts)
            pause();
        _exit(5);
    }
    kill(0, SIGINT);
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        ;
    printf("SIGINT to the tree: the parent got %d, the child exited with %d\n", (int)interrupts, WEXITSTATUS(status));
}

static void child_killed(void)
{
    pid_t child = fork();
    if (child == 0) {
        for (;;)
            pause();
    }
    kill(child, SIGTERM);
    int status;
    waitpid(child, &status, 0);
    printf("child killed by signal %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    synchronous();
    busy_loop_until_alarm();
    from_a_child();
    interrupted_read(0);
    interrupted_read(1);
    siginfo_on_altstack();
    interrupt_the_tree();
    child_killed();
    if (argc > 1 && strcmp(argv[1], "die") == 0) {
        on(SIGTERM, SIG_DFL, 0);
        kill(getpid(), SIGTERM);
    }
    return 0;
}
