import Foundation

/// The result of running a command.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Standard output followed by standard error, for failure messages.
    public var output: String { stderr.isEmpty ? stdout : stdout + stderr }
}

/// A command that could not be run, or that a helper needed to succeed and that failed.
public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

extension TestEnvironment {
    /// Runs a command to its end and captures its output.
    ///
    /// - Parameters:
    ///   - executable: a path, or a command name looked up on `$PATH` (``CommandFailure`` when it is not there).
    ///   - arguments: the arguments.
    ///   - directory: the working folder; this process's when nil.
    ///   - input: written to the command's standard input, which is then closed; empty input when nil.
    ///   - environment: variables set for the command on top of this process's environment.
    /// - Returns: the exit status and the whole of standard output and standard error, decoded as UTF-8.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, input: String? = nil,
        environment: [String: String] = [:]
    ) throws -> CommandResult {
        guard let path = executable.contains("/") ? executable : which(executable) else {
            throw CommandFailure("\(describe(executable)) is not on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Feed the input and drain standard error on their own threads, so that no full pipe blocks the command.
        let errors = Drain(stderr.fileHandleForReading)
        let feeder = Thread {
            if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
            try? stdin.fileHandleForWriting.close()
        }
        feeder.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class Drain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// Everything read, once the writer has closed the pipe.
    func wait() -> Data {
        done.wait()
        return data
    }
}

/// Runs a command to its end, capturing its output: ``TestEnvironment/run(_:_:in:input:environment:)``.
public func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
    try TestEnvironment.run(executable, arguments, in: directory)
}

extension TestEnvironment {
    /// The processes whose command line has an argument containing `text`, with their command lines (from
    /// `/proc`); this process left out.
    public static func processes(withArgumentContaining text: String) -> [(pid: Int32, commandLine: String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry), pid != getpid(),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard arguments.contains(where: { $0.contains(text) }) else { return nil }
            return (pid, arguments.joined(separator: " "))
        }
    }

    /// The state letter of a process (`R`, `S`, `T` for stopped, `Z` …), nil when there is no such process.
    public static func processState(_ pid: Int32) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[close...].dropFirst(2).first
    }
}
