/*
 * raceprobe: two threads update a shared counter without a lock, each sleeping a little between
 * reading and writing it, and print what they saw. Which thread reads first, and which update
 * is lost, depends only on how the threads are scheduled: `xrr hunt runs` must blame scheduling.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 20

static int counter;

static void *worker(void *name)
{
    struct timespec pause = {0, 200 * 1000};
    for (int i = 0; i < ROUNDS; i++) {
        int seen = counter;
        nanosleep(&pause, NULL);
        counter = seen + 1;
        char line[32];
        int n = snprintf(line, sizeof line, "%s saw %d\n", (const char *)name, seen);
        write(1, line, (size_t)n);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, "a");
    pthread_create(&b, NULL, worker, "b");
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("counter %d of %d\n", counter, 2 * ROUNDS);
    return 0;
}
