import Foundation
import Rendering

/// Which real font each official face resolves to here, with the office's font aliases, and the characters of
/// given documents that a resolved font lacks (LibreOffice then borrows each such glyph from another font, so
/// the print shows it, but not in the face the form names).
public struct FontReport: Sendable {
    public struct Face: Sendable {
        public var name: String
        public var role: String
        public var font: ResolvedFont
    }

    public struct Gap: Sendable {
        public var document: String
        public var face: String
        public var font: String
        public var characters: [Character]
    }

    public var faces: [Face]
    public var gaps: [Gap]
}

extension Workspace {
    /// Resolves every official face (``FontAliases/officialFaces``) with ``fontAliases`` and checks each of
    /// `documents` (.odt or .fodt) against every resolved font.
    public func fontReport(documents: [String] = []) throws -> FontReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ducha-fonts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = try FontAliases.configuration(aliases: fontAliases, in: folder)
        let faces = try FontAliases.officialFaces.map {
            FontReport.Face(
                name: $0.name, role: $0.role, font: try FontResolver.resolve($0.name, configuration: configuration))
        }
        var gaps: [FontReport.Gap] = []
        for document in documents {
            guard let bytes = Files.load(document) else { throw DuchaError.unreadable(path: document) }
            let text = try DocumentCharacters.text(of: bytes, source: document)
            for face in faces {
                let missing = face.font.missing(in: text)
                if !missing.isEmpty {
                    gaps.append(.init(document: document, face: face.name, font: face.font.family, characters: missing))
                }
            }
        }
        return FontReport(faces: faces, gaps: gaps)
    }
}
