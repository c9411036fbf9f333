import Rendering
import Testing

/// PDF/A-2b declarations and embedded fonts, read from PDFs built here object by object (LibreOffice's own
/// copies are checked in the archive's check tests).
@Suite("PDF/A declaration and embedded fonts")
struct PDFArchivalTests {
    static let elementForm = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:id="http://www.aiim.org/pdfa/ns/id/">
           <id:part>2</id:part>
           <id:conformance>B</id:conformance>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """

    static func attributeForm(part: String = "2", conformance: String = "B") -> String {
        """
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="\(part)"
         pdfaid:conformance="\(conformance)"/></rdf:RDF></x:xmpmeta>
        """
    }

    /// A PDF of `objects` (object number → dictionary and stream), with a trailer naming object 1 as the root.
    static func pdf(_ objects: [(Int, String, stream: String?)], trailer: String = "<</Size 20/Root 1 0 R>>")
        -> [UInt8]
    {
        var text = "%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n"
        for (number, dictionary, stream) in objects {
            text += "\(number) 0 obj\n\(dictionary)\n"
            if let stream { text += "stream\n\(stream)\nendstream\n" }
            text += "endobj\n"
        }
        text += "trailer\n\(trailer)\nstartxref\n0\n%%EOF\n"
        return Array(text.utf8)
    }

    /// A one-page PDF with XMP `xmp` (none when `nil`) and the font objects given (5 is the page's font).
    static func document(
        xmp: String?, metadata: String = "<</Type/Metadata/Subtype/XML>>",
        fonts: [(Int, String, stream: String?)] = standardFonts
    ) -> [UInt8] {
        var objects: [(Int, String, stream: String?)] = [
            (1, "<</Type/Catalog/Pages 2 0 R" + (xmp == nil ? "" : "/Metadata 3 0 R") + ">>", nil),
            (2, "<</Type/Pages/Kids[4 0 R]/Count 1>>", nil),
            (
                4,
                "<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 5 0 R>>>>/MediaBox[0 0 595.3 841.9]/Contents 8 0 R>>",
                nil
            ),
            (8, "<</Length 22>>", "BT /F1 12 Tf (a) Tj ET"),
        ]
        if let xmp { objects.append((3, metadata, xmp)) }
        return pdf(objects + fonts)
    }

    static let standardFonts: [(Int, String, stream: String?)] = [
        (5, "<</Type/Font/Subtype/TrueType/BaseFont/ABCDEF+FangSong/FontDescriptor 6 0 R>>", nil),
        (6, "<</Type/FontDescriptor/FontName/ABCDEF+FangSong/Flags 4/FontFile2 7 0 R>>", nil),
        (7, "<</Length 4>>", "abcd"),
    ]

    @Test("PDF/A-2b declared as elements (any prefix) or as attributes, fonts embedded: it conforms")
    func conforming() {
        for xmp in [Self.elementForm, Self.attributeForm()] {
            let inspection = PDFArchival(Self.document(xmp: xmp))
            #expect(inspection.conforms, "\(inspection.problems)")
            #expect(inspection.part == "2" && inspection.conformance == "B")
            #expect(inspection.fonts == 1 && inspection.fontDescriptors == 1)
        }
    }

    @Test("no XMP, another part or level, or compressed XMP: each is a problem saying what was found")
    func declarations() {
        let none = PDFArchival(Self.document(xmp: nil))
        #expect(none.problems == ["文档目录没有 XMP 元数据（/Metadata），没有声明 PDF/A"])
        let first = PDFArchival(Self.document(xmp: Self.attributeForm(part: "1", conformance: "A")))
        #expect(first.problems.count == 2, "\(first.problems)")
        #expect(first.problems[0].contains("pdfaid:part 为 2（声明的是“1”）"), "\(first.problems)")
        #expect(first.problems[1].contains("pdfaid:conformance 为 B（声明的是“A”）"), "\(first.problems)")
        let silent = PDFArchival(Self.document(xmp: "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>"))
        #expect(silent.problems.allSatisfy { $0.contains("未声明") } && silent.problems.count == 2)
        let compressed = PDFArchival(
            Self.document(xmp: "x\u{9C}", metadata: "<</Type/Metadata/Subtype/XML/Filter/FlateDecode>>"))
        #expect(compressed.problems.count == 1 && compressed.problems[0].contains("经过压缩（/Filter）"))
        let broken = PDFArchival(Self.document(xmp: "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><unclosed>"))
        #expect(broken.problems.first?.hasPrefix("XMP 元数据无法读取") == true, "\(broken.problems)")
    }

    @Test(
        "a font without its file, a font without a descriptor, a missing font file: each named; Type3 glyphs are fine")
    func fonts() {
        let unembedded: [(Int, String, stream: String?)] = [
            (5, "<</Type/Font/Subtype/TrueType/BaseFont/SimSun/FontDescriptor 6 0 R>>", nil),
            (6, "<</Type/FontDescriptor/FontName/SimSun/Flags 4>>", nil),
            (9, "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>", nil),
            (10, "<</Type/Font/Subtype/TrueType/BaseFont/Kai/FontDescriptor 11 0 R>>", nil),
            (11, "<</Type/FontDescriptor/FontName/Kai/FontFile2 12 0 R>>", nil),
            (13, "<</Type/Font/Subtype/Type3/FontDescriptor 14 0 R/CharProcs<<>>>>", nil),
            (14, "<</Type/FontDescriptor/FontName/T3/Flags 4>>", nil),
        ]
        let inspection = PDFArchival(Self.document(xmp: Self.elementForm, fonts: unembedded))
        #expect(
            inspection.problems.sorted() == [
                "字体“Helvetica”（Type1）没有字体描述（/FontDescriptor），未嵌入",
                "字体“Kai”的字体文件（对象 12）不在文件中",
                "字体“SimSun”未嵌入：其字体描述没有 /FontFile、/FontFile2 或 /FontFile3",
            ], "\(inspection.problems)")
        #expect(inspection.fontDescriptors == 2 && inspection.fonts == 4)
    }

    @Test("a font dictionary written directly inside a page's resources is looked at too")
    func directFont() {
        let fonts: [(Int, String, stream: String?)] = [
            (
                5,
                "<</Type/Font/Subtype/Type0/BaseFont/X/DescendantFonts[<</Type/Font/Subtype/CIDFontType2/BaseFont/Hei>>]>>",
                nil
            )
        ]
        let inspection = PDFArchival(Self.document(xmp: Self.elementForm, fonts: fonts))
        #expect(inspection.problems == ["字体“Hei”（CIDFontType2）没有字体描述（/FontDescriptor），未嵌入"])
    }

    @Test("an incremental update's definitions win: a later XMP replaces the earlier one")
    func update() {
        var bytes = Self.document(xmp: Self.attributeForm(part: "1"))
        bytes += Array("3 0 obj\n<</Type/Metadata/Subtype/XML>>\nstream\n\(Self.elementForm)\nendstream\nendobj\n".utf8)
        bytes += Array("trailer\n<</Size 20/Root 1 0 R/Prev 0>>\n%%EOF\n".utf8)
        #expect(PDFArchival(bytes).conforms)
        var downgraded = Self.document(xmp: Self.elementForm)
        downgraded += Array(
            "3 0 obj\n<</Type/Metadata/Subtype/XML>>\nstream\n\(Self.attributeForm(conformance: "U"))\nendstream\nendobj\n"
                .utf8)
        #expect(PDFArchival(downgraded).conformance == "U")
    }

    @Test("a catalogue packed into a compressed object stream cannot be confirmed, and the report says why")
    func objectStream() {
        let bytes = Self.pdf(
            [(7, "<</Type/ObjStm/N 2/First 10/Length 5/Filter/FlateDecode>>", "x\u{9C}abc")],
            trailer: "<</Size 20/Root 1 0 R>>")
        let inspection = PDFArchival(bytes)
        #expect(inspection.objectStreams == 1)
        #expect(inspection.problems == ["文档目录（对象 1）不在未压缩的对象中（可能在压缩的对象流里），本检测不解压，无法确认 PDF/A 声明"])
    }

    @Test("garbage, truncations and pathological nesting give problems, never a crash")
    func hostile() {
        var generator = SplitMix(seed: 70)
        let sample = Self.document(xmp: Self.elementForm)
        for length in stride(from: 0, to: sample.count, by: 7) {
            let inspection = PDFArchival(Array(sample.prefix(length)))
            if length < sample.count / 2 { #expect(!inspection.conforms, "prefix \(length)") }
        }
        for _ in 0..<200 {
            var bytes = sample
            for _ in 0..<8 {
                bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = PDFArchival(bytes)
            _ = PDFArchival((0..<512).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        let nested = Array(("1 0 obj\n" + String(repeating: "[", count: 100_000) + "\nendobj\n").utf8)
        #expect(!PDFArchival(nested).conforms)
        let wide = Array(
            ("1 0 obj\n<</Type/Catalog/Kids[" + String(repeating: "0 ", count: 300_000) + "]>>\nendobj\n").utf8)
        #expect(!PDFArchival(wide).conforms)
        let unterminated = Array(
            "1 0 obj\n<</Type/Catalog/Metadata 3 0 R/Title(abc\n3 0 obj <</Length 99999999>> stream\n".utf8)
        #expect(!PDFArchival(unterminated).conforms)
    }
}

/// A small deterministic generator (SplitMix64), so that a failing input can be made again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
