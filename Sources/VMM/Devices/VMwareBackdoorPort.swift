import CGuestABI
import CLinux

/// VMware's backdoor under the `vmware` personality: IN32 from port 0x5658 with EAX =
/// magic and the command in ECX. The answer comes back in several registers, so each IN
/// reads the vCPU's registers (KVM_GET_REGS) and writes them back (KVM_SET_REGS). RAX is
/// written there too, not only in the IN's data: under PVM the IN runs in KVM's emulator
/// (CPL0), and after KVM_SET_REGS it completes with the registers as set, so EAX in the
/// data alone came back as the magic. As on VMware, only the low 32 bits of EBX and ECX
/// change; EAX is zero-extended, as any 32-bit IN leaves RAX. A wrong magic, an unknown command or an access that is not 32 bits reads all
/// ones and changes nothing, which is how a guest sees no backdoor at all.
final class VMwareBackdoorPort: PortDevice {
    static let port = UInt16(PERFV_VMWARE_PORT)
    /// GETVERSION's EAX: the backdoor version VMware reports (6); Linux only needs it
    /// not to be all ones.
    static let version: UInt32 = 6
    /// GETVERSION's ECX: the product type; 2 is VMware's "scalable server" (ESX).
    static let productType: UInt32 = 2

    private let vcpu: VirtualCPU
    private let timing: GuestTiming

    init(vcpu: VirtualCPU, timing: GuestTiming) {
        self.vcpu = vcpu
        self.timing = timing
    }

    func read(port: UInt16, into bytes: UnsafeMutableRawBufferPointer) {
        guard bytes.count == 4, var registers = try? vcpu.registers(),
              UInt32(truncatingIfNeeded: registers.rax) == PERFV_VMWARE_MAGIC,
              let eax = answer(command: UInt32(truncatingIfNeeded: registers.rcx) & 0xFFFF, registers: &registers) else {
            PortBus.floating(bytes)
            return
        }
        registers.rax = UInt64(eax)
        guard (try? vcpu.setRegisters(registers)) != nil else {
            PortBus.floating(bytes)
            return
        }
        bytes.storeBytes(of: eax.littleEndian, as: UInt32.self)
    }

    /// OUT to the backdoor port carries nothing PerfV implements: dropped.
    func write(port: UInt16, value: UInt64) throws -> PortWriteOutcome { .resume }

    /// EAX for `command`, with EBX/ECX set in `registers`; nil for a command not implemented.
    private func answer(command: UInt32, registers: inout kvm_regs) -> UInt32? {
        switch command {
        case PERFV_VMWARE_CMD_GETVERSION:
            VMwareBackdoorPort.setLow32(&registers.rbx, PERFV_VMWARE_MAGIC)
            VMwareBackdoorPort.setLow32(&registers.rcx, VMwareBackdoorPort.productType)
            return VMwareBackdoorPort.version
        case PERFV_VMWARE_CMD_GETHZ:
            let tscHertz = UInt64(timing.tscKilohertz) * 1000
            VMwareBackdoorPort.setLow32(&registers.rbx, UInt32(truncatingIfNeeded: tscHertz >> 32))
            VMwareBackdoorPort.setLow32(&registers.rcx, UInt32(clamping: UInt64(timing.apicBusKilohertz) * 1000))
            return UInt32(truncatingIfNeeded: tscHertz)
        default:
            return nil
        }
    }

    private static func setLow32(_ register: inout UInt64, _ value: UInt32) {
        register = register & 0xFFFF_FFFF_0000_0000 | UInt64(value)
    }
}
