!> Times a matrix multiplication with a PerfV region and prints the raw and the
!> steal-adjusted wall time: the Fortran twin of examples/c/mmm_region.c.
!>
!> Build (after scripts/install-libperfv):
!>   gfortran -O2 mmm_region.f90 $(pkg-config --cflags --libs perfv-fortran) -o mmm_region
!> Run:
!>   ./mmm_region [n]        (n x n matrices, default 256)
!>
!> Output is one "key: value" per line, the same keys as the C example.
program mmm_region
    use, intrinsic :: iso_c_binding, only: c_int64_t
    use perfv
    implicit none

    integer :: n, i, j, k, status, hypervisor, pmu, count
    character(len=32) :: argument
    character(len=64) :: vendor, clocksource
    character(len=512) :: reason
    real(8), allocatable :: a(:, :), b(:, :), c(:, :)
    real(8) :: checksum
    type(perfv_eventset) :: events
    type(perfv_region) :: region
    type(perfv_measurement) :: m
    integer(c_int64_t) :: counters(8)

    n = 256
    if (command_argument_count() >= 1) then
        call get_command_argument(1, argument)
        read (argument, *) n
    end if
    if (n <= 0 .or. n > 4096) then
        write (*, '(a)') 'usage: mmm_region [n]  (1 <= n <= 4096)'
        stop 2
    end if

    call check(perfv_init(PERFV_VERSION), 'perfv_init')

    ! Where am I running?
    call check(perfv_system_hypervisor_present(hypervisor), 'perfv_system_hypervisor_present')
    call check(perfv_system_hypervisor_vendor(vendor), 'perfv_system_hypervisor_vendor')
    call check(perfv_system_pmu_available(pmu), 'perfv_system_pmu_available')
    call check(perfv_system_clocksource(clocksource), 'perfv_system_clocksource')
    write (*, '(a,a)') 'perfv_version: ', perfv_version_string()
    write (*, '(a,i0)') 'hypervisor_present: ', hypervisor
    write (*, '(a,a)') 'hypervisor_vendor: ', trim(vendor)
    write (*, '(a,i0)') 'pmu_available: ', pmu
    if (pmu == 0) then
        ! A too-long reason is cut to the variable's length (PERFV_EBUFFER).
        status = perfv_system_pmu_reason(reason)
        if (status /= PERFV_OK .and. status /= PERFV_EBUFFER) call check(status, 'perfv_system_pmu_reason')
        write (*, '(a,a)') 'pmu_reason: ', trim(reason)
    end if
    write (*, '(a,a)') 'clocksource: ', trim(clocksource)

    ! task-clock works without a PMU; instructions needs one.
    call check(perfv_eventset_create(events), 'perfv_eventset_create')
    call check(perfv_eventset_add(events, 'perf::task-clock'), 'perfv_eventset_add(perf::task-clock)')
    status = perfv_eventset_add(events, 'perf::instructions')
    if (status == PERFV_OK) then
        write (*, '(a)') 'counting: perf::instructions'
    else
        write (*, '(a,a,a,a)') 'not_counted: perf::instructions: ', perfv_strerror(status), ': ', &
            perfv_last_error_message()
    end if

    ! Small integers: every product and sum is exact, so the checksum does not
    ! depend on the summation order (and matches the C example's).
    allocate (a(0:n - 1, 0:n - 1), b(0:n - 1, 0:n - 1), c(0:n - 1, 0:n - 1))
    do j = 0, n - 1
        do i = 0, n - 1
            a(i, j) = real(mod(i + 2 * j, 7), 8)
            b(i, j) = real(mod(3 * i + j, 5), 8)
        end do
    end do
    c = 0

    call check(perfv_region_create('mmm', region, events), 'perfv_region_create')
    call check(perfv_eventset_destroy(events), 'perfv_eventset_destroy')

    call check(perfv_region_begin(region), 'perfv_region_begin')
    ! C = A*B, j-k-i order: unit stride down the columns.
    do j = 0, n - 1
        do k = 0, n - 1
            do i = 0, n - 1
                c(i, j) = c(i, j) + a(i, k) * b(k, j)
            end do
        end do
    end do
    call check(perfv_region_end(region, m), 'perfv_region_end')

    checksum = sum(c)
    call check(perfv_region_counters(region, counters, count), 'perfv_region_counters')

    write (*, '(a,i0)') 'n: ', n
    write (*, '(a,i0)') 'checksum: ', nint(checksum, 8)
    write (*, '(a,i0)') 'wall_ns: ', m%wall_ns
    write (*, '(a,i0)') 'adjusted_ns: ', m%adjusted_ns
    write (*, '(a,i0)') 'thread_cpu_ns: ', m%thread_cpu_ns
    write (*, '(a,i0)') 'process_cpu_ns: ', m%process_cpu_ns
    write (*, '(a,i0)') 'steal_ns: ', m%steal_ns
    write (*, '(a,i0)') 'run_delay_ns: ', m%run_delay_ns
    if (count > 0) write (*, '(a,i0)') 'task_clock_ns: ', counters(1)
    write (*, '(a,i0,a,i0,a,f0.3,a,f0.3,a)') 'summary: mmm ', n, 'x', n, ' raw ', m%wall_ns / 1d6, &
        ' ms, steal-adjusted ', m%adjusted_ns / 1d6, ' ms'

    call check(perfv_region_destroy(region), 'perfv_region_destroy')
    call check(perfv_shutdown(), 'perfv_shutdown')

contains

    !> Stops with PerfV's explanation when a call fails.
    subroutine check(status, call_name)
        integer, intent(in) :: status
        character(len=*), intent(in) :: call_name
        if (status /= PERFV_OK) then
            write (*, '(a,a,a,a,a,a)') call_name, ': ', perfv_strerror(status), ' (', perfv_last_error_message(), ')'
            error stop 1
        end if
    end subroutine check

end program mmm_region
