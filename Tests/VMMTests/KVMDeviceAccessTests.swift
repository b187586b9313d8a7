import Foundation
import Testing
@testable import VMM

@Suite("KVM device permission advice")
struct KVMDeviceAccessTests {
    static let user: UInt32 = 1000, userGroup: UInt32 = 1000, kvmGroup: UInt32 = 993

    static func access(mode: UInt32, owner: UInt32 = 0, group: UInt32, name: String?, userGroups: Set<UInt32> = [userGroup]) -> KVMDeviceAccess {
        KVMDeviceAccess(path: "/dev/kvm", mode: mode, ownerID: owner, groupID: group, groupName: name,
                        userID: user, userGroupIDs: userGroups)
    }

    @Test("group kvm, mode 0660, user not in it: join kvm")
    func kvmGroup() {
        let advice = Self.access(mode: 0o660, group: Self.kvmGroup, name: "kvm").advice
        #expect(advice.contains("usermod -aG kvm $USER"))
        #expect(advice.contains("mode 0660"))
        #expect(!advice.contains("chmod"))
    }

    @Test("root:root 0600: the admin gives the node to kvm (chgrp + chmod or udev); never join root")
    func rootOnly() {
        let advice = Self.access(mode: 0o600, group: 0, name: "root").advice
        #expect(advice.contains("chgrp kvm /dev/kvm && sudo chmod 0660 /dev/kvm"))
        #expect(advice.contains("udev"))
        #expect(advice.contains("usermod -aG kvm $USER"))
        #expect(!advice.contains("-aG root"))
    }

    @Test("group kvm without group rights (0600): chmod 0660, then join kvm")
    func groupWithoutRights() {
        let advice = Self.access(mode: 0o600, group: Self.kvmGroup, name: "kvm").advice
        #expect(advice.contains("chmod 0660 /dev/kvm"))
        #expect(advice.contains("usermod -aG kvm $USER"))
        #expect(!advice.contains("chgrp"))
    }

    @Test("a mode that already lets the user in points at what else refuses (container, cgroup, LSM)")
    func somethingElse() {
        for access in [Self.access(mode: 0o666, group: 0, name: "root"),
                       Self.access(mode: 0o660, group: Self.kvmGroup, name: "kvm", userGroups: [Self.kvmGroup])] {
            #expect(access.advice.contains("something else refuses"))
            #expect(!access.advice.contains("usermod"))
        }
    }

    @Test("no combination of owner, group and mode suggests joining group root")
    func neverRoot() {
        for mode: UInt32 in [0o600, 0o606, 0o640, 0o660, 0o666, 0o000] {
            for group: UInt32 in [0, Self.kvmGroup] {
                let advice = Self.access(mode: mode, group: group, name: group == 0 ? "root" : "kvm").advice
                #expect(!advice.contains("-aG root"), "mode \(String(mode, radix: 8)) group \(group)")
            }
        }
    }

    @Test("a 0600 root-group fixture node is read back as it is, and the error carries its advice")
    func fixtureNode() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-kvm-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { unlink(path) }
        #expect(chmod(path, 0o600) == 0)
        #expect(chown(path, getuid(), 0) == 0)
        let access = try #require(KVMDeviceAccess.inspect(path: path))
        #expect(access.mode == 0o600)
        #expect(access.groupID == 0)
        #expect(access.ownerID == getuid())
        let text = VMMError.kvmPermissionDenied(path: path, access: access).description
        #expect(text.hasPrefix("permission denied opening \(path): "))
        #expect(text.contains(access.advice))
        #expect(!text.contains("-aG root"))
    }
}
