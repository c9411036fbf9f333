import ODF

/// What can be told, without decompressing anything, of a PDF's claim to be an archival copy — PDF/A-2b
/// (GB/T 23286 / ISO 19005-2, level B), which Ducha's copies are (``PDFKind/archival``):
///
/// - **Declaration**: the document catalogue (the last trailer's `/Root`) names an XMP metadata stream
///   (`/Metadata`, `/Type /Metadata /Subtype /XML`) that is not filtered, and its XMP, read by the safe XML
///   parser, declares `pdfaid:part` 2 and `pdfaid:conformance` B (as elements or as attributes of an
///   `rdf:Description`, in the `http://www.aiim.org/pdfa/ns/id/` namespace, whatever its prefix).
/// - **Fonts embedded**: every font dictionary of the file's uncompressed objects (`/Type /Font` of subtype
///   Type1, MMType1, TrueType, CIDFontType0 or CIDFontType2; Type0 fonts are checked through their descendant
///   fonts, Type3 fonts carry their glyphs as content) names a font descriptor, and every font descriptor (but a
///   Type3 font's) has `/FontFile`, `/FontFile2` or `/FontFile3` naming a stream the file has.
///
/// LibreOffice writes every one of these dictionaries, and the XMP, uncompressed. A file that packed its
/// catalogue into a compressed object stream cannot be confirmed (a problem says so); font dictionaries inside
/// compressed object streams are not seen (``objectStreams`` says how many such streams there are). Nothing
/// else of ISO 19005-2 (colour spaces, transparency, the output intent, …) is checked.
public struct PDFArchival: Sendable {
    /// The XMP namespace of the PDF/A identification schema.
    public static let identificationNamespace = "http://www.aiim.org/pdfa/ns/id/"

    /// What is wrong, each in a sentence (quoted values from the file as they are; escape them to show them).
    public private(set) var problems: [String] = []
    /// The declared `pdfaid:part` and `pdfaid:conformance`, when the XMP could be read.
    public private(set) var part: String?
    public private(set) var conformance: String?
    /// How many font dictionaries and font descriptors were looked at.
    public private(set) var fonts = 0
    public private(set) var fontDescriptors = 0
    /// How many compressed object streams the file has (their objects are not looked at).
    public private(set) var objectStreams = 0

    /// The most bytes of XMP read.
    public static let maxMetadata = 4 << 20

    public init(_ bytes: [UInt8]) {
        let pdf = PDFObjects(bytes)
        objectStreams = pdf.objectStreams
        checkDeclaration(pdf, bytes)
        checkFonts(pdf)
    }

    /// Whether nothing is wrong.
    public var conforms: Bool { problems.isEmpty }

    private mutating func checkDeclaration(_ pdf: PDFObjects, _ bytes: [UInt8]) {
        let root = pdf.trailers.reversed().lazy.compactMap { $0["Root"]?.referencedNumber }.first
        let catalogue: [String: PDFValue]
        if let root {
            guard let found = pdf.object(root)?.value.dictionary else {
                problems.append("文档目录（对象 \(root)）不在未压缩的对象中（可能在压缩的对象流里），本检测不解压，无法确认 PDF/A 声明")
                return
            }
            catalogue = found
        } else if let found = pdf.objects.last(where: { $0.value.dictionary?["Type"]?.name == "Catalog" }) {
            catalogue = found.value.dictionary ?? [:]
        } else {
            problems.append("找不到文档目录（/Root），无法确认 PDF/A 声明")
            return
        }
        guard let reference = catalogue["Metadata"]?.referencedNumber else {
            problems.append("文档目录没有 XMP 元数据（/Metadata），没有声明 PDF/A")
            return
        }
        guard let metadata = pdf.object(reference), let stream = metadata.stream,
            let dictionary = metadata.value.dictionary, dictionary["Subtype"]?.name == "XML"
        else {
            problems.append("文档目录的 /Metadata（对象 \(reference)）不是 XML 元数据流")
            return
        }
        if dictionary["Filter"] != nil {
            problems.append("XMP 元数据流（对象 \(reference)）经过压缩（/Filter），本检测不解压，无法确认 PDF/A 声明")
            return
        }
        guard stream.count <= Self.maxMetadata else {
            problems.append("XMP 元数据流（对象 \(reference)）长 \(stream.count) 字节，超过上限 \(Self.maxMetadata) 字节")
            return
        }
        readIdentification(Array(bytes[stream]))
        if part != "2" {
            problems.append("XMP 元数据没有声明 pdfaid:part 为 2（" + (part.map { "声明的是“\(Self.shown($0))”" } ?? "未声明") + "）")
        }
        if conformance != "B" {
            problems.append(
                "XMP 元数据没有声明 pdfaid:conformance 为 B（" + (conformance.map { "声明的是“\(Self.shown($0))”" } ?? "未声明") + "）")
        }
    }

    /// `pdfaid:part` and `pdfaid:conformance` from the XMP, as elements or attributes.
    private mutating func readIdentification(_ xmp: [UInt8]) {
        var open: String?
        var text = ""
        var found: [String: String] = [:]
        do {
            try XMLStreamParser.parse(xmp, source: "XMP") { event in
                switch event {
                case .start(let name, let attributes):
                    for attribute in attributes where attribute.name.namespace == Self.identificationNamespace {
                        if found[attribute.name.local] == nil { found[attribute.name.local] = attribute.value }
                    }
                    if name.namespace == Self.identificationNamespace {
                        open = name.local
                        text = ""
                    }
                case .text(let run):
                    if open != nil, text.utf8.count < 256 { text += run }
                case .end(let name):
                    if name.namespace == Self.identificationNamespace, let local = open, local == name.local {
                        if found[local] == nil { found[local] = Self.trimmed(text) }
                        open = nil
                    }
                }
            }
        } catch {
            problems.append("XMP 元数据无法读取：\(error)")
            return
        }
        part = found["part"]
        conformance = found["conformance"]
    }

    private mutating func checkFonts(_ pdf: PDFObjects) {
        var descriptors: [(number: Int?, dictionary: [String: PDFValue])] = []
        var typeThreeDescriptors = Set<Int>()
        let embeddable: Set<String> = ["Type1", "MMType1", "TrueType", "CIDFontType0", "CIDFontType2"]
        func visit(_ value: PDFValue, object: Int?) {
            switch value {
            case .dictionary(let dictionary):
                switch dictionary["Type"]?.name {
                case "Font":
                    fonts += 1
                    let subtype = dictionary["Subtype"]?.name ?? ""
                    if subtype == "Type3", let number = dictionary["FontDescriptor"]?.referencedNumber {
                        typeThreeDescriptors.insert(number)
                    } else if embeddable.contains(subtype), dictionary["FontDescriptor"] == nil {
                        problems.append("字体“\(Self.fontName(dictionary))”（\(subtype)）没有字体描述（/FontDescriptor），未嵌入")
                    }
                case "FontDescriptor":
                    descriptors.append((object, dictionary))
                default: break
                }
                for (_, inner) in dictionary { visit(inner, object: nil) }
            case .array(let elements):
                for element in elements { visit(element, object: nil) }
            default: break
            }
        }
        for object in pdf.currentObjects {
            visit(object.value, object: object.number)
        }
        for (number, dictionary) in descriptors where number.map({ !typeThreeDescriptors.contains($0) }) ?? true {
            fontDescriptors += 1
            let name = Self.fontName(dictionary)
            guard let file = ["FontFile", "FontFile2", "FontFile3"].lazy.compactMap({ dictionary[$0] }).first else {
                problems.append("字体“\(name)”未嵌入：其字体描述没有 /FontFile、/FontFile2 或 /FontFile3")
                continue
            }
            if let reference = file.referencedNumber, pdf.object(reference)?.stream == nil {
                problems.append("字体“\(name)”的字体文件（对象 \(reference)）不在文件中")
            } else if file.referencedNumber == nil {
                problems.append("字体“\(name)”的字体文件不是对流的引用")
            }
        }
    }

    private static func fontName(_ dictionary: [String: PDFValue]) -> String {
        shown(dictionary["BaseFont"]?.name ?? dictionary["FontName"]?.name ?? "（无名）")
    }

    /// `text` without leading and trailing XML whitespace.
    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// A value from the file, cut short for a message.
    private static func shown(_ text: String) -> String { text.count > 80 ? String(text.prefix(80)) + "…" : text }
}
