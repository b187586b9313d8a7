!> perfv: the Fortran interface of libperfv, over the C API of perfv.h.
!>
!> Build:  gfortran prog.f90 $(pkg-config --cflags --libs perfv-fortran)
!>
!> Conventions (as in perfv.h, see docs/c-api.md):
!>  - every function returns an integer status: PERFV_OK (0) or a negative
!>    PERFV_E* code; perfv_strerror(status) names it and
!>    perfv_last_error_message() gives the detail of this thread's last failure;
!>  - call perfv_init(PERFV_VERSION) first;
!>  - strings are character(len=*) arguments, blank-padded on return;
!>    PERFV_EBUFFER means the text did not fit and was cut;
!>  - counter values are integer(c_int64_t) arrays; component and event indices
!>    are 0-based, as in C;
!>  - handles are type(perfv_region) and type(perfv_eventset).
module perfv
    use, intrinsic :: iso_c_binding, only: c_int, c_int32_t, c_int64_t, c_long_long, c_size_t, &
        c_char, c_null_char, c_ptr, c_null_ptr, c_associated, c_f_pointer, c_loc
    implicit none
    private

    ! ---- version (perfv.h's PERFV_VERSION_*) ----------------------------------
    integer(c_int), parameter, public :: PERFV_VERSION_MAJOR = 1
    integer(c_int), parameter, public :: PERFV_VERSION_MINOR = 0
    integer(c_int), parameter, public :: PERFV_VERSION_PATCH = 0
    integer(c_int), parameter, public :: PERFV_VERSION = &
        PERFV_VERSION_MAJOR * 65536 + PERFV_VERSION_MINOR * 256 + PERFV_VERSION_PATCH

    ! ---- status codes -----------------------------------------------------------
    integer(c_int), parameter, public :: PERFV_OK = 0
    integer(c_int), parameter, public :: PERFV_EINVAL = -1
    integer(c_int), parameter, public :: PERFV_EVERSION = -2
    integer(c_int), parameter, public :: PERFV_ENOINIT = -3
    integer(c_int), parameter, public :: PERFV_EHANDLE = -4
    integer(c_int), parameter, public :: PERFV_EBUFFER = -5
    integer(c_int), parameter, public :: PERFV_ENOEVENT = -6
    integer(c_int), parameter, public :: PERFV_EDISABLED = -7
    integer(c_int), parameter, public :: PERFV_ESTATE = -8
    integer(c_int), parameter, public :: PERFV_ETHREAD = -9
    integer(c_int), parameter, public :: PERFV_EBUSY = -10
    integer(c_int), parameter, public :: PERFV_ENOMEM = -11
    integer(c_int), parameter, public :: PERFV_EPERM = -12
    integer(c_int), parameter, public :: PERFV_ESYS = -13
    integer(c_int), parameter, public :: PERFV_EPAPI = -14
    integer(c_int), parameter, public :: PERFV_EOTHER = -15

    !> perfv_measurement%steal_clamp: why steal_ns is not the measured value.
    integer(c_int32_t), parameter, public :: PERFV_STEAL_WENT_BACKWARDS = 1
    integer(c_int32_t), parameter, public :: PERFV_STEAL_EXCEEDED_WALL = 2

    !> perfv_region_create's flags (perfv_region_create_with in C).
    integer(c_int), parameter, public :: PERFV_REGION_SKIP_IDLE_READS = 1
    integer(c_int), parameter, public :: PERFV_REGION_NO_PROCESS_CPU = 2
    integer(c_int), parameter, public :: PERFV_REGION_FAST = 3
    !> perfv_region_skipped_reads bits: which fields the last end did not read.
    integer(c_int), parameter, public :: PERFV_SKIPPED_RUN_DELAY_AND_STEAL = 1
    integer(c_int), parameter, public :: PERFV_SKIPPED_PROCESS_CPU = 2

    !> What one begin/end of a region measured (perfv_measurement_t); nanoseconds.
    type, bind(C), public :: perfv_measurement
        integer(c_int64_t) :: wall_ns          !< raw wall time (CLOCK_MONOTONIC)
        integer(c_int64_t) :: thread_cpu_ns    !< CPU time of the region's thread
        integer(c_int64_t) :: process_cpu_ns   !< CPU time of the whole process
        integer(c_int64_t) :: steal_ns         !< /proc/stat steal on the CPUs used
        integer(c_int64_t) :: run_delay_ns     !< time runnable but not running
        integer(c_int64_t) :: adjusted_ns      !< steal-adjusted wall time
        integer(c_int32_t) :: counter_count    !< values perfv_region_counters returns
        integer(c_int32_t) :: cpu_at_begin
        integer(c_int32_t) :: cpu_at_end
        integer(c_int32_t) :: steal_clamp      !< 0, or PERFV_STEAL_* when steal_ns was clamped
    end type perfv_measurement

    !> What one begin/end of a team region measured (perfv_team_measurement_t); nanoseconds.
    type, bind(C), public :: perfv_team_measurement
        integer(c_int64_t) :: wall_ns            !< raw wall time on the master
        integer(c_int64_t) :: adjusted_ns        !< less the critical thread's imposed waiting
        integer(c_int32_t) :: thread_count
        integer(c_int32_t) :: critical_thread_id !< Linux thread id, -1 when none
    end type perfv_team_measurement

    !> What one team thread did over the region (perfv_team_thread_t); nanoseconds.
    type, bind(C), public :: perfv_team_thread
        integer(c_int32_t) :: thread_id
        integer(c_int32_t) :: started_in_region  !< 1 when it started inside the region
        integer(c_int64_t) :: cpu_ns
        integer(c_int64_t) :: run_delay_ns
        integer(c_int64_t) :: steal_ns
    end type perfv_team_thread

    !> An event set handle (perfv_eventset_t).
    type, public :: perfv_eventset
        private
        type(c_ptr) :: handle = c_null_ptr
    end type perfv_eventset

    !> A region handle (perfv_region_t).
    type, public :: perfv_region
        private
        type(c_ptr) :: handle = c_null_ptr
    end type perfv_region

    !> A team-region handle (perfv_team_region_t).
    type, public :: perfv_team_region
        private
        type(c_ptr) :: handle = c_null_ptr
    end type perfv_team_region

    public :: perfv_init, perfv_shutdown, perfv_is_initialized, perfv_library_version
    public :: perfv_version_string, perfv_strerror, perfv_last_error_message
    public :: perfv_system_hypervisor_present, perfv_system_hypervisor_vendor
    public :: perfv_system_pmu_available, perfv_system_pmu_reason
    public :: perfv_system_clocksource, perfv_system_kvm_flavor
    public :: perfv_get_real_nsec, perfv_get_real_usec, perfv_get_real_cyc
    public :: perfv_get_virt_nsec, perfv_get_virt_usec
    public :: perfv_component_count, perfv_component_name
    public :: perfv_component_enabled, perfv_component_disabled_reason
    public :: perfv_eventset_create, perfv_eventset_add, perfv_eventset_count
    public :: perfv_eventset_event_name, perfv_eventset_start, perfv_eventset_read
    public :: perfv_eventset_stop, perfv_eventset_reset, perfv_eventset_destroy
    public :: perfv_region_create, perfv_region_begin, perfv_region_end
    public :: perfv_region_counters, perfv_region_name, perfv_region_destroy, perfv_region_skipped_reads
    public :: perfv_team_region_create, perfv_team_region_begin, perfv_team_region_end
    public :: perfv_team_region_threads, perfv_team_region_destroy
    public :: perfv_init_named, perfv_region_begin_named, perfv_region_end_named, perfv_flush

    ! ---- calls that need no conversion: bound directly ---------------------------
    interface
        integer(c_int) function perfv_init(header_version) bind(C, name="perfv_init")
            import :: c_int
            integer(c_int), value :: header_version
        end function perfv_init

        !> Writes the named regions' rank file now (perfv.h's perfv_flush).
        integer(c_int) function perfv_flush() bind(C, name="perfv_flush")
            import :: c_int
        end function perfv_flush

        integer(c_int) function perfv_shutdown() bind(C, name="perfv_shutdown")
            import :: c_int
        end function perfv_shutdown

        integer(c_int) function perfv_is_initialized() bind(C, name="perfv_is_initialized")
            import :: c_int
        end function perfv_is_initialized

        integer(c_int) function perfv_library_version() bind(C, name="perfv_library_version")
            import :: c_int
        end function perfv_library_version

        integer(c_int) function perfv_system_hypervisor_present(present) bind(C, name="perfv_system_hypervisor_present")
            import :: c_int
            integer(c_int), intent(out) :: present
        end function perfv_system_hypervisor_present

        integer(c_int) function perfv_system_pmu_available(available) bind(C, name="perfv_system_pmu_available")
            import :: c_int
            integer(c_int), intent(out) :: available
        end function perfv_system_pmu_available

        integer(c_long_long) function perfv_get_real_nsec() bind(C, name="perfv_get_real_nsec")
            import :: c_long_long
        end function perfv_get_real_nsec

        integer(c_long_long) function perfv_get_real_usec() bind(C, name="perfv_get_real_usec")
            import :: c_long_long
        end function perfv_get_real_usec

        integer(c_long_long) function perfv_get_real_cyc() bind(C, name="perfv_get_real_cyc")
            import :: c_long_long
        end function perfv_get_real_cyc

        integer(c_long_long) function perfv_get_virt_nsec() bind(C, name="perfv_get_virt_nsec")
            import :: c_long_long
        end function perfv_get_virt_nsec

        integer(c_long_long) function perfv_get_virt_usec() bind(C, name="perfv_get_virt_usec")
            import :: c_long_long
        end function perfv_get_virt_usec

        integer(c_int) function perfv_component_count(count) bind(C, name="perfv_component_count")
            import :: c_int
            integer(c_int), intent(out) :: count
        end function perfv_component_count

        integer(c_int) function perfv_component_enabled(index, enabled) bind(C, name="perfv_component_enabled")
            import :: c_int
            integer(c_int), value :: index
            integer(c_int), intent(out) :: enabled
        end function perfv_component_enabled
    end interface

    ! ---- the C calls behind the wrappers below --------------------------------------
    interface
        integer(c_size_t) function c_strlen(text) bind(C, name="strlen")
            import :: c_size_t, c_ptr
            type(c_ptr), value :: text
        end function c_strlen

        type(c_ptr) function c_version_string() bind(C, name="perfv_version_string")
            import :: c_ptr
        end function c_version_string

        type(c_ptr) function c_strerror(status) bind(C, name="perfv_strerror")
            import :: c_ptr, c_int
            integer(c_int), value :: status
        end function c_strerror

        type(c_ptr) function c_last_error_message() bind(C, name="perfv_last_error_message")
            import :: c_ptr
        end function c_last_error_message

        integer(c_int) function c_system_hypervisor_vendor(buffer, capacity, length) &
                bind(C, name="perfv_system_hypervisor_vendor")
            import :: c_int, c_char, c_size_t
            character(kind=c_char), intent(out) :: buffer(*)
            integer(c_size_t), value :: capacity
            integer(c_size_t), intent(out) :: length
        end function c_system_hypervisor_vendor

        integer(c_int) function c_system_pmu_reason(buffer, capacity, length) bind(C, name="perfv_system_pmu_reason")
            import :: c_int, c_char, c_size_t
            character(kind=c_char), intent(out) :: buffer(*)
            integer(c_size_t), value :: capacity
            integer(c_size_t), intent(out) :: length
        end function c_system_pmu_reason

        integer(c_int) function c_system_clocksource(buffer, capacity, length) bind(C, name="perfv_system_clocksource")
            import :: c_int, c_char, c_size_t
            character(kind=c_char), intent(out) :: buffer(*)
            integer(c_size_t), value :: capacity
            integer(c_size_t), intent(out) :: length
        end function c_system_clocksource

        integer(c_int) function c_system_kvm_flavor(buffer, capacity, length) bind(C, name="perfv_system_kvm_flavor")
            import :: c_int, c_char, c_size_t
            character(kind=c_char), intent(out) :: buffer(*)
            integer(c_size_t), value :: capacity
            integer(c_size_t), intent(out) :: length
        end function c_system_kvm_flavor

        integer(c_int) function c_component_name(index, buffer, capacity, length) bind(C, name="perfv_component_name")
            import :: c_int, c_char, c_size_t
            integer(c_int), value :: index
            character(kind=c_char), intent(out) :: buffer(*)
            integer(c_size_t), value :: capacity
            integer(c_size_t), intent(out) :: length
        end function c_component_name

        integer(c_int) function c_component_disabled_reason(index, buffer, capacity, length) &
                bind(C, name="perfv_component_disabled_reason")
            import :: c_int, c_char, c_size_t
            integer(c_int), value :: index
            character(kind=c_char), intent(out) :: buffer(*)
            integer(c_size_t), value :: capacity
            integer(c_size_t), intent(out) :: length
        end function c_component_disabled_reason

        integer(c_int) function c_eventset_create(eventset) bind(C, name="perfv_eventset_create")
            import :: c_int, c_ptr
            type(c_ptr), intent(out) :: eventset
        end function c_eventset_create

        integer(c_int) function c_eventset_add(eventset, event) bind(C, name="perfv_eventset_add")
            import :: c_int, c_ptr, c_char
            type(c_ptr), value :: eventset
            character(kind=c_char), intent(in) :: event(*)
        end function c_eventset_add

        integer(c_int) function c_eventset_count(eventset, count) bind(C, name="perfv_eventset_count")
            import :: c_int, c_ptr
            type(c_ptr), value :: eventset
            integer(c_int), intent(out) :: count
        end function c_eventset_count

        integer(c_int) function c_eventset_event_name(eventset, index, buffer, capacity, length) &
                bind(C, name="perfv_eventset_event_name")
            import :: c_int, c_ptr, c_char, c_size_t
            type(c_ptr), value :: eventset
            integer(c_int), value :: index
            character(kind=c_char), intent(out) :: buffer(*)
            integer(c_size_t), value :: capacity
            integer(c_size_t), intent(out) :: length
        end function c_eventset_event_name

        integer(c_int) function c_eventset_start(eventset) bind(C, name="perfv_eventset_start")
            import :: c_int, c_ptr
            type(c_ptr), value :: eventset
        end function c_eventset_start

        integer(c_int) function c_eventset_read(eventset, values, capacity) bind(C, name="perfv_eventset_read")
            import :: c_int, c_ptr, c_int64_t
            type(c_ptr), value :: eventset
            integer(c_int64_t), intent(out) :: values(*)
            integer(c_int), value :: capacity
        end function c_eventset_read

        integer(c_int) function c_eventset_stop(eventset, values, capacity) bind(C, name="perfv_eventset_stop")
            import :: c_int, c_ptr
            type(c_ptr), value :: eventset
            type(c_ptr), value :: values
            integer(c_int), value :: capacity
        end function c_eventset_stop

        integer(c_int) function c_eventset_reset(eventset) bind(C, name="perfv_eventset_reset")
            import :: c_int, c_ptr
            type(c_ptr), value :: eventset
        end function c_eventset_reset

        integer(c_int) function c_eventset_destroy(eventset) bind(C, name="perfv_eventset_destroy")
            import :: c_int, c_ptr
            type(c_ptr), value :: eventset
        end function c_eventset_destroy

        integer(c_int) function c_region_create_with(name, eventset, flags, region) &
                bind(C, name="perfv_region_create_with")
            import :: c_int, c_ptr, c_char
            character(kind=c_char), intent(in) :: name(*)
            type(c_ptr), value :: eventset
            integer(c_int), value :: flags
            type(c_ptr), intent(out) :: region
        end function c_region_create_with

        integer(c_int) function c_region_skipped_reads(region, skipped) bind(C, name="perfv_region_skipped_reads")
            import :: c_int, c_ptr
            type(c_ptr), value :: region
            integer(c_int), intent(out) :: skipped
        end function c_region_skipped_reads

        integer(c_int) function c_team_region_create(excluded, excluded_count, region) &
                bind(C, name="perfv_team_region_create")
            import :: c_int, c_ptr, c_int32_t
            integer(c_int32_t), intent(in) :: excluded(*)
            integer(c_int), value :: excluded_count
            type(c_ptr), intent(out) :: region
        end function c_team_region_create

        integer(c_int) function c_team_region_begin(region) bind(C, name="perfv_team_region_begin")
            import :: c_int, c_ptr
            type(c_ptr), value :: region
        end function c_team_region_begin

        integer(c_int) function c_team_region_end(region, measurement) bind(C, name="perfv_team_region_end")
            import :: c_int, c_ptr, perfv_team_measurement
            type(c_ptr), value :: region
            type(perfv_team_measurement), intent(out) :: measurement
        end function c_team_region_end

        integer(c_int) function c_team_region_threads(region, threads, capacity, count) &
                bind(C, name="perfv_team_region_threads")
            import :: c_int, c_ptr, perfv_team_thread
            type(c_ptr), value :: region
            type(perfv_team_thread), intent(out) :: threads(*)
            integer(c_int), value :: capacity
            integer(c_int), intent(out) :: count
        end function c_team_region_threads

        integer(c_int) function c_team_region_destroy(region) bind(C, name="perfv_team_region_destroy")
            import :: c_int, c_ptr
            type(c_ptr), value :: region
        end function c_team_region_destroy

        integer(c_int) function c_region_begin(region) bind(C, name="perfv_region_begin")
            import :: c_int, c_ptr
            type(c_ptr), value :: region
        end function c_region_begin

        integer(c_int) function c_region_end(region, measurement) bind(C, name="perfv_region_end")
            import :: c_int, c_ptr, perfv_measurement
            type(c_ptr), value :: region
            type(perfv_measurement), intent(out) :: measurement
        end function c_region_end

        integer(c_int) function c_region_counters(region, values, capacity, count) bind(C, name="perfv_region_counters")
            import :: c_int, c_ptr, c_int64_t
            type(c_ptr), value :: region
            integer(c_int64_t), intent(out) :: values(*)
            integer(c_int), value :: capacity
            integer(c_int), intent(out) :: count
        end function c_region_counters

        integer(c_int) function c_region_name(region, buffer, capacity, length) bind(C, name="perfv_region_name")
            import :: c_int, c_ptr, c_char, c_size_t
            type(c_ptr), value :: region
            character(kind=c_char), intent(out) :: buffer(*)
            integer(c_size_t), value :: capacity
            integer(c_size_t), intent(out) :: length
        end function c_region_name

        integer(c_int) function c_region_destroy(region) bind(C, name="perfv_region_destroy")
            import :: c_int, c_ptr
            type(c_ptr), value :: region
        end function c_region_destroy

        integer(c_int) function c_init_named(header_version, events_variable, output_directory_variable) &
                bind(C, name="perfv_init_named")
            import :: c_int, c_char
            integer(c_int), value :: header_version
            character(kind=c_char), intent(in) :: events_variable(*), output_directory_variable(*)
        end function c_init_named

        integer(c_int) function c_region_begin_named(name) bind(C, name="perfv_region_begin_named")
            import :: c_int, c_char
            character(kind=c_char), intent(in) :: name(*)
        end function c_region_begin_named

        integer(c_int) function c_region_end_named(name) bind(C, name="perfv_region_end_named")
            import :: c_int, c_char
            character(kind=c_char), intent(in) :: name(*)
        end function c_region_end_named
    end interface

contains

    ! ---- string conversion -----------------------------------------------------------

    !> `text` without trailing blanks, NUL-terminated for C.
    pure function to_c(text) result(c_text)
        character(len=*), intent(in) :: text
        character(kind=c_char, len=:), allocatable :: c_text
        c_text = trim(text) // c_null_char
    end function to_c

    !> Copies a NUL-terminated C buffer into `text`, blank-padding the rest.
    pure subroutine from_c(buffer, text)
        character(kind=c_char), intent(in) :: buffer(:)
        character(len=*), intent(out) :: text
        integer :: i
        text = ' '
        do i = 1, min(len(text), size(buffer))
            if (buffer(i) == c_null_char) exit
            text(i:i) = buffer(i)
        end do
    end subroutine from_c

    !> A Fortran copy of a NUL-terminated string PerfV owns ('' for NULL).
    function from_c_pointer(pointer) result(text)
        type(c_ptr), intent(in) :: pointer
        character(len=:), allocatable :: text
        character(kind=c_char), pointer :: chars(:)
        integer :: i, n
        if (.not. c_associated(pointer)) then
            text = ''
            return
        end if
        n = int(c_strlen(pointer))
        call c_f_pointer(pointer, chars, [n])
        allocate (character(len=n) :: text)
        do i = 1, n
            text(i:i) = chars(i)
        end do
    end function from_c_pointer

    ! ---- library ---------------------------------------------------------------------

    !> The library's version, "major.minor.patch".
    function perfv_version_string() result(text)
        character(len=:), allocatable :: text
        text = from_c_pointer(c_version_string())
    end function perfv_version_string

    !> The name and meaning of a status code.
    function perfv_strerror(status) result(text)
        integer, intent(in) :: status
        character(len=:), allocatable :: text
        text = from_c_pointer(c_strerror(int(status, c_int)))
    end function perfv_strerror

    !> The detail text of this thread's last failed call ('' if none).
    function perfv_last_error_message() result(text)
        character(len=:), allocatable :: text
        text = from_c_pointer(c_last_error_message())
    end function perfv_last_error_message

    ! ---- system information ------------------------------------------------------------

    !> The hypervisor's CPUID signature, e.g. 'KVMKVMKVM'; blank on bare metal.
    integer function perfv_system_hypervisor_vendor(vendor) result(status)
        character(len=*), intent(out) :: vendor
        character(kind=c_char) :: buffer(len(vendor) + 1)
        integer(c_size_t) :: length
        status = c_system_hypervisor_vendor(buffer, size(buffer, kind=c_size_t), length)
        call from_c(buffer, vendor)
    end function perfv_system_hypervisor_vendor

    !> Why there is no usable PMU; blank when there is one.
    integer function perfv_system_pmu_reason(reason) result(status)
        character(len=*), intent(out) :: reason
        character(kind=c_char) :: buffer(len(reason) + 1)
        integer(c_size_t) :: length
        status = c_system_pmu_reason(buffer, size(buffer, kind=c_size_t), length)
        call from_c(buffer, reason)
    end function perfv_system_pmu_reason

    !> The kernel's current clocksource, e.g. 'tsc'.
    integer function perfv_system_clocksource(clocksource) result(status)
        character(len=*), intent(out) :: clocksource
        character(kind=c_char) :: buffer(len(clocksource) + 1)
        integer(c_size_t) :: length
        status = c_system_clocksource(buffer, size(buffer, kind=c_size_t), length)
        call from_c(buffer, clocksource)
    end function perfv_system_clocksource

    !> How KVM runs guests here, e.g. 'PVM (kvm_pvm)'; blank without /dev/kvm.
    integer function perfv_system_kvm_flavor(flavor) result(status)
        character(len=*), intent(out) :: flavor
        character(kind=c_char) :: buffer(len(flavor) + 1)
        integer(c_size_t) :: length
        status = c_system_kvm_flavor(buffer, size(buffer, kind=c_size_t), length)
        call from_c(buffer, flavor)
    end function perfv_system_kvm_flavor

    ! ---- counter components -------------------------------------------------------------

    !> The name of component `index` (0-based).
    integer function perfv_component_name(index, name) result(status)
        integer, intent(in) :: index
        character(len=*), intent(out) :: name
        character(kind=c_char) :: buffer(len(name) + 1)
        integer(c_size_t) :: length
        status = c_component_name(int(index, c_int), buffer, size(buffer, kind=c_size_t), length)
        call from_c(buffer, name)
    end function perfv_component_name

    !> Why component `index` is disabled; blank when enabled.
    integer function perfv_component_disabled_reason(index, reason) result(status)
        integer, intent(in) :: index
        character(len=*), intent(out) :: reason
        character(kind=c_char) :: buffer(len(reason) + 1)
        integer(c_size_t) :: length
        status = c_component_disabled_reason(int(index, c_int), buffer, size(buffer, kind=c_size_t), length)
        call from_c(buffer, reason)
    end function perfv_component_disabled_reason

    ! ---- event sets ------------------------------------------------------------------------

    integer function perfv_eventset_create(eventset) result(status)
        type(perfv_eventset), intent(out) :: eventset
        status = c_eventset_create(eventset%handle)
    end function perfv_eventset_create

    !> Adds an event by name, e.g. 'perf::task-clock'.
    integer function perfv_eventset_add(eventset, event) result(status)
        type(perfv_eventset), intent(in) :: eventset
        character(len=*), intent(in) :: event
        status = c_eventset_add(eventset%handle, to_c(event))
    end function perfv_eventset_add

    integer function perfv_eventset_count(eventset, count) result(status)
        type(perfv_eventset), intent(in) :: eventset
        integer, intent(out) :: count
        integer(c_int) :: c_count
        status = c_eventset_count(eventset%handle, c_count)
        count = c_count
    end function perfv_eventset_count

    !> The qualified name of event `index` (0-based).
    integer function perfv_eventset_event_name(eventset, index, name) result(status)
        type(perfv_eventset), intent(in) :: eventset
        integer, intent(in) :: index
        character(len=*), intent(out) :: name
        character(kind=c_char) :: buffer(len(name) + 1)
        integer(c_size_t) :: length
        status = c_eventset_event_name(eventset%handle, int(index, c_int), buffer, size(buffer, kind=c_size_t), length)
        call from_c(buffer, name)
    end function perfv_eventset_event_name

    integer function perfv_eventset_start(eventset) result(status)
        type(perfv_eventset), intent(in) :: eventset
        status = c_eventset_start(eventset%handle)
    end function perfv_eventset_start

    !> Reads the counts since start into values(1:count).
    integer function perfv_eventset_read(eventset, values) result(status)
        type(perfv_eventset), intent(in) :: eventset
        integer(c_int64_t), intent(out), contiguous :: values(:)
        status = c_eventset_read(eventset%handle, values, int(size(values), c_int))
    end function perfv_eventset_read

    !> Stops counting; with `values`, also reads the final counts.
    !> With `values`, the C call checks the array before stopping: too small an
    !> array gives PERFV_EBUFFER and leaves the set running, as in C.
    integer function perfv_eventset_stop(eventset, values) result(status)
        type(perfv_eventset), intent(in) :: eventset
        integer(c_int64_t), intent(out), optional, contiguous, target :: values(:)
        if (present(values)) then
            status = c_eventset_stop(eventset%handle, c_loc(values), int(size(values), c_int))
        else
            status = c_eventset_stop(eventset%handle, c_null_ptr, 0_c_int)
        end if
    end function perfv_eventset_stop

    integer function perfv_eventset_reset(eventset) result(status)
        type(perfv_eventset), intent(in) :: eventset
        status = c_eventset_reset(eventset%handle)
    end function perfv_eventset_reset

    integer function perfv_eventset_destroy(eventset) result(status)
        type(perfv_eventset), intent(inout) :: eventset
        status = c_eventset_destroy(eventset%handle)
    end function perfv_eventset_destroy

    ! ---- regions ---------------------------------------------------------------------------

    !> Creates a region measuring the calling thread; with `eventset`, it also
    !> counts that set's events; `flags` (PERFV_REGION_*, default 0: read every
    !> field at every end) are perfv_region_create_with's.
    integer function perfv_region_create(name, region, eventset, flags) result(status)
        character(len=*), intent(in) :: name
        type(perfv_region), intent(out) :: region
        type(perfv_eventset), intent(in), optional :: eventset
        integer, intent(in), optional :: flags
        integer(c_int) :: c_flags
        c_flags = 0
        if (present(flags)) c_flags = int(flags, c_int)
        if (present(eventset)) then
            status = c_region_create_with(to_c(name), eventset%handle, c_flags, region%handle)
        else
            status = c_region_create_with(to_c(name), c_null_ptr, c_flags, region%handle)
        end if
    end function perfv_region_create

    !> Which readings the last end skipped (PERFV_SKIPPED_* bits).
    integer function perfv_region_skipped_reads(region, skipped) result(status)
        type(perfv_region), intent(in) :: region
        integer, intent(out) :: skipped
        integer(c_int) :: c_skipped
        status = c_region_skipped_reads(region%handle, c_skipped)
        skipped = int(c_skipped)
    end function perfv_region_skipped_reads

    integer function perfv_region_begin(region) result(status)
        type(perfv_region), intent(in) :: region
        status = c_region_begin(region%handle)
    end function perfv_region_begin

    integer function perfv_region_end(region, measurement) result(status)
        type(perfv_region), intent(in) :: region
        type(perfv_measurement), intent(out) :: measurement
        status = c_region_end(region%handle, measurement)
    end function perfv_region_end

    !> The counter values of the last end into values(1:count).
    integer function perfv_region_counters(region, values, count) result(status)
        type(perfv_region), intent(in) :: region
        integer(c_int64_t), intent(out), contiguous :: values(:)
        integer, intent(out), optional :: count
        integer(c_int) :: c_count
        c_count = 0
        status = c_region_counters(region%handle, values, int(size(values), c_int), c_count)
        if (present(count)) count = c_count
    end function perfv_region_counters

    integer function perfv_region_name(region, name) result(status)
        type(perfv_region), intent(in) :: region
        character(len=*), intent(out) :: name
        character(kind=c_char) :: buffer(len(name) + 1)
        integer(c_size_t) :: length
        status = c_region_name(region%handle, buffer, size(buffer, kind=c_size_t), length)
        call from_c(buffer, name)
    end function perfv_region_name

    integer function perfv_region_destroy(region) result(status)
        type(perfv_region), intent(inout) :: region
        status = c_region_destroy(region%handle)
    end function perfv_region_destroy

    ! ---- team regions (fork-join) --------------------------------------------------------

    !> Creates a team region on the calling (master) thread; the team is every thread
    !> of the process but the Linux thread ids in `excluded`.
    integer function perfv_team_region_create(region, excluded) result(status)
        type(perfv_team_region), intent(out) :: region
        integer(c_int32_t), intent(in), optional :: excluded(:)
        integer(c_int32_t) :: none(1)
        if (present(excluded)) then
            status = c_team_region_create(excluded, int(size(excluded), c_int), region%handle)
        else
            none = 0
            status = c_team_region_create(none, 0_c_int, region%handle)
        end if
    end function perfv_team_region_create

    integer function perfv_team_region_begin(region) result(status)
        type(perfv_team_region), intent(in) :: region
        status = c_team_region_begin(region%handle)
    end function perfv_team_region_begin

    integer function perfv_team_region_end(region, measurement) result(status)
        type(perfv_team_region), intent(in) :: region
        type(perfv_team_measurement), intent(out) :: measurement
        status = c_team_region_end(region%handle, measurement)
    end function perfv_team_region_end

    !> The threads of the last end; `count` receives their number (PERFV_EBUFFER when
    !> `threads` is too small).
    integer function perfv_team_region_threads(region, threads, count) result(status)
        type(perfv_team_region), intent(in) :: region
        type(perfv_team_thread), intent(out) :: threads(:)
        integer, intent(out) :: count
        integer(c_int) :: c_count
        status = c_team_region_threads(region%handle, threads, int(size(threads), c_int), c_count)
        count = int(c_count)
    end function perfv_team_region_threads

    integer function perfv_team_region_destroy(region) result(status)
        type(perfv_team_region), intent(inout) :: region
        status = c_team_region_destroy(region%handle)
    end function perfv_team_region_destroy

    ! ---- named regions -------------------------------------------------------------------

    !> perfv_init, and the named regions read their events and output directory
    !> from these environment variables instead of PERFV_EVENTS and PERFV_OUTPUT_DIRECTORY.
    integer function perfv_init_named(header_version, events_variable, output_directory_variable) result(status)
        integer(c_int), intent(in) :: header_version
        character(len=*), intent(in) :: events_variable, output_directory_variable
        status = c_init_named(header_version, to_c(events_variable), to_c(output_directory_variable))
    end function perfv_init_named

    !> Opens region `name` on the calling thread, nested in its innermost open one.
    integer function perfv_region_begin_named(name) result(status)
        character(len=*), intent(in) :: name
        status = c_region_begin_named(to_c(name))
    end function perfv_region_begin_named

    !> Closes region `name`, the innermost open one on the calling thread.
    integer function perfv_region_end_named(name) result(status)
        character(len=*), intent(in) :: name
        status = c_region_end_named(to_c(name))
    end function perfv_region_end_named

end module perfv
