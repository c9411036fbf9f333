import Foundation

/// A PDF as poppler sees it (a reader Ducha did not write): its pages, each page's text and where its ink lies,
/// and the fonts it embeds. Needs pdfinfo, pdftotext, pdftoppm and pdffonts (poppler-utils).
public struct RenderedPDF {
    public let path: String
    public let pages: Int

    /// The resolution pages are rendered at for ink: 1 px ≈ 0.25 mm.
    public static let dpi = 100

    public init(_ path: String) throws {
        self.path = path
        let info = try TestEnvironment.run("pdfinfo", [path])
        guard info.status == 0,
            let line = info.stdout.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
            let count = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
        else { throw CommandFailure("pdfinfo could not read \(path): \(info.output)") }
        pages = count
    }

    /// The text of page `page` (1-based), whitespace removed.
    public func text(page: Int) throws -> String {
        let result = try TestEnvironment.run(
            "pdftotext", ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", path, "-"])
        guard result.status == 0 else { throw CommandFailure("pdftotext failed on \(path): \(result.output)") }
        return result.stdout.filter { !$0.isWhitespace }
    }

    /// The font names the PDF embeds (`pdffonts`), with whether each is embedded.
    public func fonts() throws -> [(name: String, embedded: Bool)] {
        let result = try TestEnvironment.run("pdffonts", [path])
        guard result.status == 0 else { throw CommandFailure("pdffonts failed on \(path): \(result.output)") }
        return result.stdout.split(separator: "\n").dropFirst(2).compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 7 else { return nil }
            // name type… encoding emb sub uni object ID: "emb" is the fifth field from the end.
            return (String(fields[0]), fields[fields.count - 5] == "yes")
        }
    }

    /// Page `page` rendered in colour.
    public func image(page: Int) throws -> PageImage {
        let folder = try TestEnvironment.temporaryDirectory("ducha-page")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("page").path
        let result = try TestEnvironment.run(
            "pdftoppm", ["-r", "\(Self.dpi)", "-f", "\(page)", "-l", "\(page)", "-singlefile", path, prefix])
        guard result.status == 0 else { throw CommandFailure("pdftoppm failed on \(path): \(result.output)") }
        return try PageImage(ppm: [UInt8](try Data(contentsOf: URL(fileURLWithPath: prefix + ".ppm"))), dpi: Self.dpi)
    }
}

/// A rendered page (binary PPM), measured in millimetres from the paper's top left corner.
public struct PageImage {
    public let width: Int
    public let height: Int
    public let dpi: Int
    private let pixels: [UInt8]

    /// A box in millimetres.
    public struct Box: CustomStringConvertible {
        public var left, top, right, bottom: Double
        public var width: Double { right - left }
        public var description: String {
            String(format: "left %.1f top %.1f right %.1f bottom %.1f mm", left, top, right, bottom)
        }
    }

    init(ppm bytes: [UInt8], dpi: Int) throws {
        // P6 <width> <height> <max> <one whitespace> <RGB bytes>
        var fields: [Int] = []
        var index = 2
        guard bytes.starts(with: Array("P6".utf8)) else { throw CommandFailure("not a binary PPM") }
        while fields.count < 3 {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                index += 1
            }
            var number = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                number = number * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            fields.append(number)
        }
        width = fields[0]
        height = fields[1]
        self.dpi = dpi
        pixels = Array(bytes[(index + 1)...])
        guard pixels.count >= width * height * 3 else { throw CommandFailure("short PPM") }
    }

    private func millimetres(_ pixel: Int) -> Double { Double(pixel) * 25.4 / Double(dpi) }
    private func pixel(_ mm: Double) -> Int { Int((mm * Double(dpi) / 25.4).rounded()) }

    /// The box around the pixels `matching` inside the band `fromTop`…`toTop` (mm from the top edge); nil if none.
    public func box(fromTop: Double = 0, toTop: Double = 297, matching: (UInt8, UInt8, UInt8) -> Bool) -> Box? {
        var left = Int.max
        var right = -1
        var top = Int.max
        var bottom = -1
        for y in max(0, pixel(fromTop))..<min(height, pixel(toTop)) {
            for x in 0..<width {
                let i = (y * width + x) * 3
                guard matching(pixels[i], pixels[i + 1], pixels[i + 2]) else { continue }
                left = min(left, x)
                right = max(right, x + 1)
                top = min(top, y)
                bottom = max(bottom, y + 1)
            }
        }
        guard right >= 0 else { return nil }
        return Box(
            left: millimetres(left), top: millimetres(top), right: millimetres(right), bottom: millimetres(bottom))
    }

    /// Ink: any pixel clearly darker than the paper.
    public static func isInk(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool { min(r, g, b) < 160 }

    /// The red of the 版头 rule and the masthead.
    public static func isRed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool { r > 180 && g < 90 && b < 90 }

    /// Rows (mm from the top) in the band where a dark rule runs at least `length` mm across: a table's borders.
    public func rules(fromTop: Double, toTop: Double, length: Double) -> [Double] {
        var found: [Double] = []
        let needed = pixel(length)
        for y in max(0, pixel(fromTop))..<min(height, pixel(toTop)) {
            var run = 0
            var longest = 0
            for x in 0..<width {
                let i = (y * width + x) * 3
                run = Self.isInk(pixels[i], pixels[i + 1], pixels[i + 2]) ? run + 1 : 0
                longest = max(longest, run)
            }
            if longest >= needed { found.append(millimetres(y)) }
        }
        return found
    }
}
