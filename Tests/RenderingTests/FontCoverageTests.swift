import Rendering
import Testing

@Suite("Font coverage as fontconfig prints it")
struct FontCoverageTests {
    @Test("ranges and single code points; the characters a font lacks, once each, spaces left out")
    func coverage() {
        let coverage = CharacterCoverage(fontconfig: "20-7e a0 4e00-4e2f 9554 3014-3015")
        #expect(coverage.contains(0x41) && coverage.contains(0xA0) && coverage.contains(0x4E2F))
        #expect(!coverage.contains(0x7F) && !coverage.contains(0x9555) && !coverage.contains(0x1F))
        #expect(coverage.count == 95 + 1 + 48 + 1 + 2)
        let font = ResolvedFont(
            requested: "仿宋_GB2312", family: "FandolFang,FandolFang R", style: "Regular",
            file: "/f.otf", coverage: coverage)
        #expect(font.isSubstitute)
        #expect(font.missing(in: "〔一〕 镕A镕\n𠮷") == ["镕", "𠮷"])
        let real = ResolvedFont(
            requested: "FandolFang", family: "FandolFang,FandolFang R", style: "", file: "",
            coverage: coverage)
        #expect(!real.isSubstitute)
    }
}
