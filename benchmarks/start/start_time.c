/*
 * Times a command's whole life, process start included: runs it N times (output to
 * /dev/null) and prints, in milliseconds, the median and best of the wall time
 * (clock_gettime around fork…wait4) and of the CPU time (user + system, from wait4's rusage),
 * and the largest peak resident set size in KiB.
 *
 *   start_time RUNS COMMAND [ARGUMENT…]
 *
 * Output, one line: wall_median wall_best cpu_median cpu_best max_rss_kib
 * Exit status: 0, or 1 when the command failed in any run (its status is printed on stderr).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double milliseconds(struct timeval t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; }

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: start_time RUNS COMMAND [ARGUMENT...]\n");
    return 64;
  }
  long runs = strtol(argv[1], NULL, 10);
  if (runs < 1 || runs > 100000) {
    fprintf(stderr, "start_time: RUNS must be 1...100000\n");
    return 64;
  }
  double *wall = calloc(runs, sizeof *wall), *cpu = calloc(runs, sizeof *cpu);
  long max_rss = 0;
  if (!wall || !cpu) return 70;
  for (long run = 0; run < runs; run++) {
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 71; }
    if (pid == 0) {
      int null = open("/dev/null", O_WRONLY);
      if (null >= 0) { dup2(null, 1); dup2(null, 2); }
      execvp(argv[2], argv + 2);
      _exit(127);
    }
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) { perror("wait4"); return 71; }
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fprintf(stderr, "start_time: %s failed (status %d)\n", argv[2], status);
      return 1;
    }
    wall[run] = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
    cpu[run] = milliseconds(usage.ru_utime) + milliseconds(usage.ru_stime);
    if (usage.ru_maxrss > max_rss) max_rss = usage.ru_maxrss;
  }
  qsort(wall, runs, sizeof *wall, compare);
  qsort(cpu, runs, sizeof *cpu, compare);
  printf("%.2f %.2f %.2f %.2f %ld\n", wall[runs / 2], wall[0], cpu[runs / 2], cpu[0], max_rss);
  return 0;
}
