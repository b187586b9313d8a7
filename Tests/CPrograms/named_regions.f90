! Named regions from Fortran: "solve" holding NSTEPS "step" regions, each
! holding one "kernel"; then the misuse cases. The rank file is written by
! perfv_flush and again at exit.
! Prints "ok" at the end; stops with code 1 on a wrong status.
program named_regions
    use perfv
    implicit none
    integer, parameter :: NSTEPS = 7
    integer :: step, i
    real(8) :: total

    call expect('init', perfv_init(PERFV_VERSION), PERFV_OK)
    call expect('end without begin', perfv_region_end_named('solve'), PERFV_ESTATE)
    call expect('blank name', perfv_region_begin_named('   '), PERFV_EINVAL)

    total = 0
    call expect('begin solve', perfv_region_begin_named('solve'), PERFV_OK)
    do step = 1, NSTEPS
        call expect('begin step', perfv_region_begin_named('step'), PERFV_OK)
        call expect('begin kernel', perfv_region_begin_named('kernel  '), PERFV_OK)
        do i = 1, 100000
            total = total + sqrt(real(i + step, 8))
        end do
        call expect('mismatched end', perfv_region_end_named('step'), PERFV_ESTATE)
        call expect('end kernel', perfv_region_end_named('kernel'), PERFV_OK)
        call expect('end step', perfv_region_end_named('step'), PERFV_OK)
    end do
    call expect('end solve', perfv_region_end_named('solve'), PERFV_OK)
    call expect('flush', perfv_flush(), PERFV_OK)
    write (*, '(a,es12.4)') 'total ', total
    write (*, '(a)') 'ok'

contains

    subroutine expect(what, status, expected)
        character(len=*), intent(in) :: what
        integer, intent(in) :: status, expected
        if (status /= expected) then
            write (*, '(a,a,i0,a,i0,a,a)') what, ': ', status, ' expected ', expected, ': ', perfv_last_error_message()
            stop 1
        end if
    end subroutine expect
end program named_regions
