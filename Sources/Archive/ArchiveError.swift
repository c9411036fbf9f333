import Matters

/// A problem with the archive itself (a file that cannot be written, a damaged registry, a matter that is
/// not there), named with the path it concerns.
///
/// When a system call failed, the error keeps what the system said: ``errno`` (so a caller can tell a full
/// disk from a refused permission through ``code``), the call's name in ``operation``, and the system's own
/// words (`strerror`) at the end of ``message``.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// What went wrong, in words for the office (Chinese), ending with the system's text when a call failed.
    public var message: String
    /// The kind of failure, for callers that act on it (retry later, tell the user the disk is full …).
    public var code: Code
    /// The C library's error number, when a system call failed.
    public var errno: Int32?
    /// The system call that failed (`open`, `write`, `rename` …), when one did.
    public var operation: String?

    /// An error found by Ducha itself, not by a system call.
    public init(path: String, message: String, code: Code = .other) {
        self.path = path
        self.message = message
        self.code = code
        self.errno = nil
        self.operation = nil
    }

    /// An error from a system call: `code` is derived from `errno` by the caller (see `SystemCall.swift`).
    init(path: String, message: String, code: Code, errno: Int32, operation: String) {
        self.path = path
        self.message = message
        self.code = code
        self.errno = errno
        self.operation = operation
    }

    /// The path and the message, with control and format characters escaped (a path may hold any of them).
    public var description: String { MessageText.escaped("\(path): \(message)") }
}

extension ArchiveError {
    /// The kind of an ``ArchiveError``. An extensible enumeration (a struct over a private enum, as
    /// swift-nio's `FileSystemError.Code`): kinds can be added without breaking a caller's `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case notFound, exists, permissionDenied, noSpace, notDirectory, isDirectory, locked, io
            case damaged, conflict, changed, other
        }

        private var wrapped: Wrapped

        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// Nothing at the path (`ENOENT`), or a matter the archive does not hold.
        public static var notFound: Self { Self(.notFound) }
        /// Something is already there (`EEXIST`, `ENOTEMPTY`).
        public static var exists: Self { Self(.exists) }
        /// The system refused (`EACCES`, `EPERM`, `EROFS`).
        public static var permissionDenied: Self { Self(.permissionDenied) }
        /// The disk or the user's quota is full (`ENOSPC`, `EDQUOT`).
        public static var noSpace: Self { Self(.noSpace) }
        /// A part of the path is a file, not a folder (`ENOTDIR`).
        public static var notDirectory: Self { Self(.notDirectory) }
        /// A folder where a file was expected (`EISDIR`).
        public static var isDirectory: Self { Self(.isDirectory) }
        /// Another process holds the archive's lock (`EWOULDBLOCK`).
        public static var locked: Self { Self(.locked) }
        /// The device failed (`EIO`).
        public static var io: Self { Self(.io) }
        /// A file is there but its content is not what the archive wrote (a damaged registry or matter.xml).
        public static var damaged: Self { Self(.damaged) }
        /// The archive already holds something different under the same name.
        public static var conflict: Self { Self(.conflict) }
        /// A file changed while it was read (an attachment that grew or shrank, or hashes otherwise than it did).
        public static var changed: Self { Self(.changed) }
        /// Anything else; ``ArchiveError/errno`` tells more when a system call failed.
        public static var other: Self { Self(.other) }

        public var description: String { wrapped.rawValue }
    }
}
