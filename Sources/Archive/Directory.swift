import Glibc

/// Reads the names in a folder: the one `opendir`/`readdir` loop of the archive.
enum Directory {
    /// One name in a folder and what it is (a symbolic link is never reported as the folder it points to).
    struct Entry: Sendable, Equatable {
        var name: String
        var kind: FileKind

        var isDirectory: Bool { kind == .directory }
    }

    /// What a missing folder means to the caller.
    enum Missing {
        /// An archive, a year or a journal that has not been written yet: nothing in it.
        case empty
        /// An error (``ArchiveError/Code/notFound``).
        case error
    }

    /// The folder's entries except `.` and `..`, in the order the system gives them. Fails with the errno
    /// when the folder cannot be read, and when it is missing unless `missing` is ``Missing/empty``.
    static func entries(_ path: String, missing: Missing) throws(ArchiveError) -> [Entry] {
        let folder: OpaquePointer
        do {
            folder = try systemCall("opendir", path: path, failure: "无法读取文件夹") { opendir(path) }
        } catch let error where error.code == .notFound && missing == .empty {
            return []
        }
        let entries: [Entry]
        do {
            entries = try read(folder, path: path)
        } catch {
            _ = closedir(folder)  // the read error is the one to report
            throw error
        }
        try systemCall("closedir", path: path, failure: "无法读取文件夹", retryOnInterrupt: false) {
            closedir(folder)
        }
        return entries
    }

    private static func read(_ folder: OpaquePointer, path: String) throws(ArchiveError) -> [Entry] {
        var entries: [Entry] = []
        while true {
            // readdir returns null both at the end and on an error; only errno tells them apart.
            errno = 0
            guard let entry = readdir(folder) else {
                let code = errno
                if code == 0 { return entries }
                throw ArchiveError(path: path, "无法读取文件夹", errno: code, operation: "readdir")
            }
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let kind: FileKind
            switch entry.pointee.d_type {
            case UInt8(DT_REG): kind = .regular
            case UInt8(DT_DIR): kind = .directory
            case UInt8(DT_LNK): kind = .symbolicLink
            case UInt8(DT_UNKNOWN):
                // Some file systems do not say; ask, and skip a name that went away meanwhile.
                guard let asked = try Posix.kind(path + "/" + name, followingLinks: false) else { continue }
                kind = asked
            default: kind = .other
            }
            entries.append(Entry(name: name, kind: kind))
        }
    }
}
