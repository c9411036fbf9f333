import Archive
import Foundation
public import Matters

/// Whole-file reads and writes for the services, with errors that name the file.
public enum Files {
    /// Reads a whole file.
    /// - Throws: ``DuchaError/unreadable(path:)``.
    public static func read(_ path: String) throws(DuchaError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return [UInt8](data)
    }

    /// Reads a whole file, or nothing when it cannot be read (for readers that report it themselves).
    static func load(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }

    /// Writes a whole file atomically, creating its folder, with `mode` (less the umask).
    public static func write(_ bytes: [UInt8], to path: String, mode: FileMode = 0o644) throws {
        try AtomicFile.write(bytes, to: path.contains("/") ? path : "./" + path, mode: mode)
    }

    /// Makes a folder and its parents.
    public static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}

extension CivilDate {
    /// Today's civil date in Beijing time (UTC+8), for jobs given no date.
    public static func today() -> CivilDate {
        let seconds = Int(Date().timeIntervalSince1970) + 8 * 3600
        return CivilDate(dayNumber: seconds / 86400)
    }
}
