#if canImport(Glibc)
import Glibc
#endif

/// Who may open the KVM device node, and what to do when this user may not: the
/// permission advice `KVMSystem` throws and `KVMSystem.probe` reports. The advice
/// follows the node's real owner, group and mode, and never suggests joining group root.
public struct KVMDeviceAccess: Sendable, Equatable {
    public var path: String
    /// Permission bits (st_mode & 0o777).
    public var mode: UInt32
    public var ownerID: UInt32
    public var groupID: UInt32
    /// The owning group's name, when /etc/group (getgrgid_r) knows it.
    public var groupName: String?
    /// This process's user and groups (geteuid, getegid, getgroups).
    public var userID: UInt32
    public var userGroupIDs: Set<UInt32>

    /// The group KVM's own udev rule (and every distribution) gives the device.
    public static let conventionalGroup = "kvm"

    public init(path: String, mode: UInt32, ownerID: UInt32, groupID: UInt32, groupName: String?,
                userID: UInt32, userGroupIDs: Set<UInt32>) {
        self.path = path
        self.mode = mode & 0o777
        self.ownerID = ownerID
        self.groupID = groupID
        self.groupName = groupName
        self.userID = userID
        self.userGroupIDs = userGroupIDs
    }

    /// stat(2) of `path` and this process's credentials; nil when the node cannot be stat'ed.
    public static func inspect(path: String) -> KVMDeviceAccess? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        var groups = [gid_t](repeating: 0, count: Int(max(getgroups(0, nil), 0)))
        let count = getgroups(Int32(groups.count), &groups)
        let userGroups = Set(groups.prefix(Int(max(count, 0))).map { UInt32($0) } + [UInt32(getegid())])
        return KVMDeviceAccess(path: path, mode: UInt32(status.st_mode), ownerID: status.st_uid, groupID: status.st_gid,
                               groupName: groupName(status.st_gid), userID: geteuid(), userGroupIDs: userGroups)
    }

    /// What to do, for this node's owner, group and mode.
    public var advice: String {
        let group = groupName ?? "gid \(groupID)"
        let node = "\(path) is owned by uid \(ownerID), group \(group), mode 0\(String(mode, radix: 8))"
        let ownerMay = userID == ownerID && mode & 0o600 == 0o600
        let groupMay = userGroupIDs.contains(groupID) && mode & 0o060 == 0o060
        if ownerMay || groupMay || mode & 0o006 == 0o006 {
            return "\(node), which lets this user read and write it, so something else refuses: a container "
                + "without the device (docker run --device \(path)), a device cgroup, seccomp or SELinux/AppArmor"
        }
        if groupID != 0 && mode & 0o060 == 0o060 {
            return "\(node): add the user to group \(group) (sudo usermod -aG \(group) $USER) and log in again"
        }
        let kvm = Self.conventionalGroup
        let grant = groupID != 0
            ? "ask an administrator to let group \(group) read and write it (sudo chmod 0660 \(path)), then add the user to \(group) (sudo usermod -aG \(group) $USER)"
            : "ask an administrator to give it to group \(kvm) (sudo chgrp \(kvm) \(path) && sudo chmod 0660 \(path), or for good a udev rule: "
                + "KERNEL==\"kvm\", GROUP=\"\(kvm)\", MODE=\"0660\"), then add the user to \(kvm) (sudo usermod -aG \(kvm) $USER)"
        return "\(node): \(grant), and log in again"
    }

    /// getgrgid_r(3).
    private static func groupName(_ gid: gid_t) -> String? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getgrgid_r(gid, &entry, &buffer, buffer.count, &result) == 0, result != nil,
              let name = entry.gr_name else { return nil }
        return String(cString: name)
    }
}
