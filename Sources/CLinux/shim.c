#define _GNU_SOURCE
#include "CLinux.h"
#include <sched.h>
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
