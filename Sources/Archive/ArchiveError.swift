/// A problem with the archive itself (a file that cannot be written, a damaged registry, a matter that is
/// not there), named with the path it concerns.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
