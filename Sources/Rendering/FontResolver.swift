import Foundation

/// Which real font a font name resolves to under a fontconfig configuration (`fc-match`), and which characters
/// that font has.
public struct ResolvedFont: Sendable, Equatable {
    /// The name asked for, e.g. 仿宋_GB2312.
    public var requested: String
    /// The font's family names, e.g. `FandolFang, FandolFang R`.
    public var family: String
    public var style: String
    public var file: String
    /// The code points the font covers.
    public var coverage: CharacterCoverage

    public init(requested: String, family: String, style: String, file: String, coverage: CharacterCoverage) {
        self.requested = requested
        self.family = family
        self.style = style
        self.file = file
        self.coverage = coverage
    }

    /// Whether the font is a stand-in rather than the named font itself.
    public var isSubstitute: Bool {
        !family.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == requested }
    }

    /// The characters of `text` (once each, in order of first use) that the font lacks, spaces and controls left
    /// out.
    public func missing(in text: String) -> [Character] {
        var seen = Set<Character>()
        return text.filter { character in
            guard let scalar = character.unicodeScalars.first, scalar.value > 0x20,
                !scalar.properties.isWhitespace, seen.insert(character).inserted
            else { return false }
            return !character.unicodeScalars.allSatisfy { coverage.contains($0.value) }
        }.map { $0 }
    }
}

/// A set of code points as fontconfig prints a charset: hexadecimal ranges `20-7e a0 …`.
public struct CharacterCoverage: Sendable, Equatable {
    private var ranges: [ClosedRange<UInt32>]

    public init(fontconfig text: String) {
        ranges = text.split(whereSeparator: \.isWhitespace).compactMap { field in
            let bounds = field.split(separator: "-").compactMap { UInt32($0, radix: 16) }
            guard let low = bounds.first, let high = bounds.last, low <= high, bounds.count <= 2 else { return nil }
            return low...high
        }.sorted { $0.lowerBound < $1.lowerBound }
    }

    public func contains(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < value { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].contains(value)
    }

    /// How many code points are covered.
    public var count: Int { ranges.reduce(0) { $0 + $1.count } }
}

public enum FontResolver {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// `fc-match` on the PATH.
    public static func fcMatch() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/fc-match"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The font `name` resolves to under the fontconfig file `configuration`.
    public static func resolve(_ name: String, configuration: String) throws(Failure) -> ResolvedFont {
        guard let fcMatch = fcMatch() else {
            throw Failure(message: "找不到 fc-match：请安装 fontconfig（apt-get install fontconfig）")
        }
        let separator = "\u{1F}"
        let output = try run(
            fcMatch, ["-f", "%{family}\(separator)%{style}\(separator)%{file}\(separator)%{charset}", name],
            configuration: configuration)
        let fields = output.components(separatedBy: separator)
        guard fields.count == 4, !fields[2].isEmpty else {
            throw Failure(message: "fc-match 未能解析字体“\(name)”：\(output.prefix(200))")
        }
        return ResolvedFont(
            requested: name, family: fields[0], style: fields[1], file: fields[2],
            coverage: CharacterCoverage(fontconfig: fields[3]))
    }

    private static func run(_ tool: String, _ arguments: [String], configuration: String) throws(Failure) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FONTCONFIG_FILE"] = configuration
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(message: "无法运行 \(tool)：\(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(message: "\(tool) 失败（退出码 \(process.terminationStatus)）")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
