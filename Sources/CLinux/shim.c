#define _GNU_SOURCE
#include "CLinux.h"
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int perfv_perf_event_open(struct perf_event_attr *attr, pid_t pid, int cpu, int group_fd,
                          unsigned long flags) {
    return (int)syscall(SYS_perf_event_open, attr, pid, cpu, group_fd, flags);
}

int perfv_ioctl_ptr(int fd, unsigned long request, void *arg) { return ioctl(fd, request, arg); }

int perfv_ioctl_int(int fd, unsigned long request, unsigned long arg) {
    return ioctl(fd, request, arg);
}

pid_t perfv_gettid(void) { return (pid_t)syscall(SYS_gettid); }

int perfv_current_cpu(void) { return sched_getcpu(); }

int perfv_pin_current_thread(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof(set), &set);
}

pid_t perfv_fork_rdpmc_probe(const uint32_t *counters, int count) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    /* The child: a Swift backtracer or test harness handler must not run on the fault,
     * and the fault must not leave a core file behind. */
    struct sigaction fallback = {0};
    fallback.sa_handler = SIG_DFL;
    sigaction(SIGSEGV, &fallback, NULL);
    sigaction(SIGILL, &fallback, NULL);
    sigaction(SIGBUS, &fallback, NULL);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    for (int i = 0; i < count; i++) (void)perfv_rdpmc(counters[i]);
    _exit(0);
}
