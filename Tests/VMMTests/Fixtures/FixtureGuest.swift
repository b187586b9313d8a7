import Foundation

/// A tiny hand-written guest (x86-64 assembly, built at test time with the toolchain's
/// clang and lld) that speaks the image-header ABI, so the VMM's host side can be tested
/// without the real guest runtime: boot to ring 3, print, report, fault on purpose.
enum FixtureGuest {
    /// Fixture behaviours, selected by boot_params.workload (`Workload.raw`).
    enum Behaviour: UInt32 {
        case hello = 100, invalidOpcode, divideError, nullRead, writeOutsideRAM, mmioWrite, runaway,
             privilegedInstruction, tripleFault, supervisorHalt, counters, unknownMSR, readOnlyCounterWrite,
             portExitLoop, msrExitLoop, supervisorVEX, faultOnFirstVCPUOthersSpin, networkDescriptorOutsideRAM
    }

    static let source = #"""
    .set SERIAL, 0x3f8
    .set HYPERCALL, 0x510
    .set FAULT, 0x520
    .set MAILBOX, 0x6000
    .text
    .globl supervisor_entry
    header:
        .quad 0x5646524550          /* magic "PERFV" */
        .long 1                     /* abi_version */
        .long 8*3 + 16 + 8*32       /* header_bytes */
        .quad supervisor_entry
        .quad user_entry
        .quad syscall_entry
        .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        .quad exception_\v
        .endr

    /* CPL0 start: iretq to user_entry at CPL3 with IOPL 3 on this vCPU's user stack. */
    supervisor_entry:
        lea 1(%rdi), %rax
        shl $16, %rax
        add $0x600000, %rax
        push $0x1b
        push %rax
        push $0x3002
        push $0x23
        lea user_entry(%rip), %rax
        push %rax
        iretq

    /* System calls are INT3 (vector 3, DPL3): rax 0 = rdmsr(rdi) → rax; 1 = triple fault;
       2 = hlt at CPL0; 3 = wrmsr(rdi, rsi). SYSCALL does not reach CPL0 under PVM. */
    syscall_entry:
        ud2
    exception_3:
        cmp $0, %rax
        je 1f
        cmp $1, %rax
        je 2f
        cmp $3, %rax
        je 4f
        cmp $4, %rax
        je 5f
        hlt
    5:  vpxor %xmm0, %xmm0, %xmm0   /* VEX at CPL0: the emulator cannot decode it */
        iretq
    1:  mov %rdi, %rcx
        rdmsr
        shl $32, %rdx
        or %rdx, %rax
        iretq
    2:  lidt empty_idt(%rip)
        ud2
    4:  mov %rdi, %rcx
        mov %rsi, %rax
        mov %rsi, %rdx
        shr $32, %rdx
        wrmsr
        iretq
    empty_idt:
        .word 0
        .quad 0

    /* Exceptions: push a zero error code where the CPU does not, then the vector. */
        .irp v, 0,1,2,4,5,6,7,9,15,16,18,19,20,22,23,24,25,26,27,28,31
    exception_\v: push $0
        push $\v
        jmp report_fault
        .endr
        .irp v, 8,10,11,12,13,14,17,21,29,30
    exception_\v: push $\v
        jmp report_fault
        .endr
    /* Mailbox slot (vCPU from TR): a0 vector, a1 error code, a2 RIP, a3 CR2, reserved[0] RSP;
       at the OUT the stack holds struct perfv_fault_frame (rdx, rcx, rax, vector, error code, CPU frame). */
    report_fault:
        push %rax
        push %rcx
        push %rdx
        xor %rax, %rax
        str %ax
        sub $0x28, %rax
        shl $2, %rax                /* (TR - 0x28) / 16 * 64 */
        add $MAILBOX, %rax
        mov %rax, %rcx
        mov 24(%rsp), %rdx
        mov %rdx, 0(%rcx)
        mov 32(%rsp), %rdx
        mov %rdx, 8(%rcx)
        mov 40(%rsp), %rdx
        mov %rdx, 16(%rcx)
        mov %cr2, %rdx
        mov %rdx, 24(%rcx)
        mov 64(%rsp), %rdx
        mov %rdx, 32(%rcx)
        mov 24(%rsp), %rax
        mov $FAULT, %dx
        out %eax, %dx
        hlt

    /* CPL3: rdi = vCPU, rsi = boot params. r14 = this vCPU's mailbox slot. */
    user_entry:
        mov %rdi, %r12
        mov %rsi, %r13
        mov %rdi, %r14
        shl $6, %r14
        add $MAILBOX, %r14
        mov 24(%r13), %eax
        cmp $100, %eax; je hello
        cmp $101, %eax; je invalid_opcode
        cmp $102, %eax; je divide_error
        cmp $103, %eax; je null_read
        cmp $104, %eax; je write_outside
        cmp $105, %eax; je mmio_write
        cmp $106, %eax; je runaway
        cmp $107, %eax; je privileged
        cmp $108, %eax; je triple
        cmp $109, %eax; je supervisor_halt
        cmp $110, %eax; je counters
        cmp $111, %eax; je unknown_msr
        cmp $112, %eax; je read_only_write
        cmp $113, %eax; je port_loop
        cmp $114, %eax; je msr_loop
        cmp $115, %eax; je supervisor_vex
        cmp $116, %eax; je first_faults
        cmp $117, %eax; je net_outside_ram
        mov $2, %rdi
        jmp exit

    hello:
        lea message(%rip), %rsi
        mov $SERIAL, %dx
    1:  movb (%rsi), %al
        test %al, %al
        jz 2f
        outb %al, %dx
        inc %rsi
        jmp 1b
    2:  mov $1, %rdi                /* result key 1 = 0x1234 + vCPU */
        lea 0x1234(%r12), %rsi
        call result
        xor %rdi, %rdi
        jmp exit
    invalid_opcode: ud2
    divide_error:
        xor %rcx, %rcx
        mov $7, %rax
        xor %rdx, %rdx
        div %rcx
    null_read: mov 0, %rax
    write_outside:
        mov 8(%r13), %rax           /* ram_bytes */
        add $0x1000, %rax
        movq $1, (%rax)
    mmio_write:
        mov $0xC0000000, %rax
        movq $0x55, (%rax)
    runaway: jmp runaway
    privileged: hlt
    triple:
        mov $1, %rax
        int3
    supervisor_halt:
        mov $2, %rax
        int3
    /* Reads exits_total (MSR base+2+1) and run_ns (base+2), snapshot, reads again. */
    counters:
        mov $0x50460003, %rdi
        call rdmsr
        lea 0x101, %rdi
        mov %rax, %rsi
        call result
        mov $0x50460002, %rdi
        call rdmsr
        mov $0x100, %rdi
        mov %rax, %rsi
        call result
        mov $0x50460001, %rdi
        call rdmsr
        mov $8, %rdi
        mov %rax, %rsi
        call result
        movq $1, 0(%r14)
        mov $3, %eax
        mov $HYPERCALL, %dx
        out %eax, %dx
        mov $0x50460003, %rdi
        call rdmsr
        lea 0x201, %rdi
        mov %rax, %rsi
        call result
        mov $0x50460002, %rdi
        call rdmsr
        mov $0x200, %rdi
        mov %rax, %rsi
        call result
        xor %rdi, %rdi
        jmp exit
    unknown_msr:
        mov $0x12345678, %rdi
        call rdmsr
        xor %rdi, %rdi
        jmp exit
    read_only_write:
        mov $0x50460002, %rdi
        mov $5, %rsi
        mov $3, %rax
        int3
        xor %rdi, %rdi
        jmp exit

    /* Transmit ring slot 0 points just past RAM; the doorbell posts it. Exit 2 if it is accepted. */
    net_outside_ram:
        mov 8(%r13), %rax
        mov $0x40000, %rcx
        mov %rax, (%rcx)
        movl $64, 8(%rcx)
        movl $0, 12(%rcx)
        mov $1, %eax
        mov $0x530, %dx
        out %eax, %dx
        mov $2, %rdi
        jmp exit
    first_faults:
        test %r12, %r12
        jnz runaway
        ud2
    supervisor_vex:
        mov $4, %rax
        int3
        xor %rdi, %rdi
        jmp exit
    /* arg0 OUTs to the unassigned port 0x80: one exit each. */
    port_loop:
        mov 32(%r13), %rcx
    1:  mov $0x80, %dx
        outb %al, %dx
        dec %rcx
        jnz 1b
        xor %rdi, %rdi
        jmp exit
    /* arg0 reads of run_ns through the supervisor: one MSR exit each. */
    msr_loop:
        mov 32(%r13), %r15
    1:  mov $0x50460002, %rdi
        call rdmsr
        dec %r15
        jnz 1b
        xor %rdi, %rdi
        jmp exit

    rdmsr:                          /* rdi = MSR → rax, through the supervisor */
        xor %rax, %rax
        int3
        ret
    result:                         /* rdi = key, rsi = value */
        mov %rdi, 0(%r14)
        mov %rsi, 8(%r14)
        mov $2, %eax
        mov $HYPERCALL, %dx
        out %eax, %dx
        ret
    exit:                           /* rdi = status */
        mov %rdi, 0(%r14)
        mov $1, %eax
        mov $HYPERCALL, %dx
        out %eax, %dx
        hlt
    message: .asciz "hello from the fixture guest\n"
    """#

    /// The fixture ELF, built once per test process.
    static let elf: Result<[UInt8], FixtureBuildError> = Result { () throws(FixtureBuildError) in try build(source: source, name: "fixture") }

    struct FixtureBuildError: Error, CustomStringConvertible {
        let description: String
    }

    static let clang = "/opt/swift/usr/bin/clang"

    /// .text at the image base, nothing else loaded (no ELF headers in a segment).
    static let linkerScript = """
        ENTRY(supervisor_entry)
        SECTIONS { . = 0x200000; .text : { *(.text) } .data : { *(.data) } /DISCARD/ : { *(.comment) *(.note*) } }
        """

    /// Assembles and links `source` as a static ELF whose .text starts at the image base.
    static func build(source: String, name: String, extraArguments: [String] = []) throws(FixtureBuildError) -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-fixture-\(getpid())-\(name)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let input = directory.appendingPathComponent("\(name).S")
            let output = directory.appendingPathComponent("\(name).elf")
            let script = directory.appendingPathComponent("\(name).ld")
            try source.write(to: input, atomically: true, encoding: .utf8)
            try linkerScript.write(to: script, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: clang)
            process.arguments = [
                "--target=x86_64-unknown-none-elf", "-ffreestanding", "-nostdlib", "-static", "-fuse-ld=lld",
                "-Wl,-T," + script.path, "-Wl,--build-id=none",
                "-o", output.path, input.path,
            ] + extraArguments
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            guard process.terminationStatus == 0 else { throw FixtureBuildError(description: "clang failed: \(message)") }
            return [UInt8](try Data(contentsOf: output))
        } catch let error as FixtureBuildError {
            throw error
        } catch {
            throw FixtureBuildError(description: "\(error)")
        }
    }
}
