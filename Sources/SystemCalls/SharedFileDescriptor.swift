/// A ``FileDescriptor`` several owners hold: a class, so it can sit in an array or
/// be captured by an escaping closure, which a `~Copyable` value cannot. The
/// descriptor closes when the last reference goes.
package final class SharedFileDescriptor {
    package let descriptor: FileDescriptor

    package init(_ descriptor: consuming FileDescriptor) {
        self.descriptor = descriptor
    }
}
