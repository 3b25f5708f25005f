/*
 * threadprobe: threads that share work under a mutex, wait on a condition variable and meet
 * at a barrier. Each round, every worker adds to a shared checksum under the mutex; the main
 * thread waits for the round on the condition variable and prints the running checksum. The
 * order in which workers take the mutex changes the checksum, so a replay that orders the
 * threads differently from the recording prints other numbers.
 *
 * In round 2, while the workers wait at the barrier, the main thread forks a child that reports.
 * With the argument "exit-from-thread", a last thread ends the program with exit(7) (exit_group)
 * while the main thread waits to join it.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORKERS 3
#define ROUNDS 5

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t round_done = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t barrier;
static uint64_t checksum = 1;
static int finished;

static void *worker(void *arg)
{
    uint64_t id = (uint64_t)(uintptr_t)arg;
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < 200; i++) {
            pthread_mutex_lock(&lock);
            checksum = checksum * 31 + id * 7 + (uint64_t)i;
            pthread_mutex_unlock(&lock);
        }
        pthread_mutex_lock(&lock);
        if (++finished == WORKERS)
            pthread_cond_signal(&round_done);
        pthread_mutex_unlock(&lock);
        pthread_barrier_wait(&barrier);
    }
    return NULL;
}

static void *last_word(void *arg)
{
    (void)arg;
    printf("the last thread ends the program\n");
    fflush(stdout);
    exit(7);
}

int main(int argc, char **argv)
{
    pthread_t threads[WORKERS];
    pthread_barrier_init(&barrier, NULL, WORKERS + 1);
    for (uint64_t i = 0; i < WORKERS; i++)
        if (pthread_create(&threads[i], NULL, worker, (void *)(uintptr_t)(i + 1)) != 0)
            return 1;
    for (int round = 0; round < ROUNDS; round++) {
        pthread_mutex_lock(&lock);
        while (finished < WORKERS)
            pthread_cond_wait(&round_done, &lock);
        finished = 0;
        printf("round %d checksum %016" PRIx64 "\n", round, checksum);
        fflush(stdout);
        if (round == 2) {
            pid_t child = fork();
            if (child == 0) {
                printf("the child of a process with %d more threads\n", WORKERS);
                fflush(stdout);
                _exit(0);
            }
            waitpid(child, NULL, 0);
        }
        pthread_mutex_unlock(&lock);
        pthread_barrier_wait(&barrier);
    }
    for (int i = 0; i < WORKERS; i++)
        pthread_join(threads[i], NULL);
    printf("done %016" PRIx64 "\n", checksum);
    fflush(stdout);
    if (argc > 1 && strcmp(argv[1], "exit-from-thread") == 0) {
        pthread_t last;
        if (pthread_create(&last, NULL, last_word, NULL) != 0)
            return 1;
        pthread_join(last, NULL);
    }
    return 0;
}
