/*
 * spinprobe: one thread spins in user space on a flag, with no syscall in its loop, until the
 * other thread, after a sleep, sets it. A tracer that runs one thread at a time must preempt the
 * spinner, or the program never ends. The loop changes nothing while it spins, so each turn of
 * it is the same state: replay reaches the point where the spinner was preempted at once.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static volatile int flag;
static volatile int message;

static void *setter(void *arg)
{
    (void)arg;
    struct timespec pause = {0, 20 * 1000 * 1000};
    nanosleep(&pause, NULL);
    message = 42;
    flag = 1;
    return NULL;
}

int main(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, setter, NULL) != 0)
        return 1;
    while (!flag)
        __asm__ volatile("pause");
    pthread_join(t, NULL);
    printf("the spinner saw the flag and the message %d\n", message);
    return 0;
}
