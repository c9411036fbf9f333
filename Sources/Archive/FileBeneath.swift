/// Opens a file that others gave (an event's attachment) by its path relative to a folder, walking from that
/// folder one name at a time with `openat`: no part of the path may be a symbolic link (to a file, to a folder,
/// to `/proc/self/environ`), `..` and absolute paths are refused, and the file must be a regular file. Each
/// folder is opened before the next name is looked up in it, so nothing can be swapped behind the check; the
/// last name is opened with `O_NOFOLLOW | O_NONBLOCK` (a FIFO cannot make the run wait) and checked again once
/// open (`fstat`).
public enum FileBeneath {
    /// Why a file was not opened.
    public enum Fault: Error, Sendable {
        /// Nothing is at the path (or at one of its folders).
        case missing
        /// This part of the path (relative, e.g. `linked` of `linked/x.pdf`) is a symbolic link.
        case symbolicLink(String)
        /// This part of the path should be a folder and is a file.
        case notAFolder(String)
        /// The path has `..`, is absolute, or is empty.
        case outside
        /// The file is not a regular file: a folder, a FIFO, a device, a socket.
        case notARegularFile
        /// The file is larger than the limit (its size and the limit, in bytes).
        case tooLarge(size: Int, limit: Int)
        /// The file's size changed while it was read.
        case changedWhileReading
        /// The system refused or failed (permission, I/O error).
        case system(ArchiveError)
    }

    /// The names of a relative path, without empty names and `.`; nil when it is absolute or has `..`.
    public static func components(_ relative: String) -> [String]? {
        guard !relative.hasPrefix("/") else { return nil }
        let names = relative.split(separator: "/").map(String.init).filter { $0 != "." }
        guard !names.isEmpty, !names.contains("..") else { return nil }
        return names
    }

    /// A regular file open for reading, and its size when opened.
    struct Opened: ~Copyable {
        let file: FileDescriptor
        let size: Int
    }

    /// Opens the regular file at `relative` inside `folder` for reading, and says how large it is.
    static func open(_ relative: String, in folder: String) throws(Fault) -> Opened {
        guard let names = components(relative) else { throw .outside }
        var current: FileDescriptor
        do {
            current = try FileDescriptor(opening: folder.isEmpty ? "." : folder, .directory, failure: "无法打开文件夹")
        } catch {
            throw error.code == .notFound ? .missing : .system(error)
        }
        var walked = ""
        for (index, name) in names.enumerated() {
            walked = walked.isEmpty ? name : walked + "/" + name
            let path = folder + "/" + walked
            let isLast = index == names.count - 1
            let kind: FileKind?
            do {
                kind = try current.kind(of: name, path: path, failure: "无法查看")
            } catch {
                throw error.code == .notDirectory ? .notAFolder(walked) : .system(error)
            }
            switch kind {
            case nil: throw .missing
            case .symbolicLink?: throw .symbolicLink(walked)
            case .directory? where !isLast: break
            case .regular? where isLast: break
            case _ where isLast: throw .notARegularFile
            default: throw .notAFolder(walked)
            }
            do {
                let next = try FileDescriptor(
                    at: current, name: name, path: path, isLast ? .readNotLink : .directoryNotLink, failure: "无法打开")
                current = next
            } catch {
                // Swapped for a symbolic link (ELOOP) or removed between the look and the open.
                if error.errno == Self.tooManyLinks { throw .symbolicLink(walked) }
                throw error.code == .notFound ? .missing : .system(error)
            }
        }
        let status: (kind: FileKind, size: Int)
        do {
            status = try current.status(failure: "无法查看")
        } catch {
            throw .system(error)
        }
        guard status.kind == .regular else { throw .notARegularFile }
        return Opened(file: current, size: status.size)
    }

    /// `ELOOP`: what `openat` with `O_NOFOLLOW` reports for a symbolic link.
    private static var tooManyLinks: Int32 { Posix.loopErrno }
}
