import DuchaCore
import Matters

/// The ledger as aligned columns for a terminal; the title and co-units are left out to keep a line readable.
enum LedgerTable {
    static func render(_ rows: [LedgerRow]) -> String {
        let shown = [0, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13]
        let headers = LedgerExport.headers
        let lines = [shown.map { headers[$0] }] + rows.map { row in shown.map { LedgerExport.cells(row)[$0] } }
        var widths = Array(repeating: 0, count: shown.count)
        for line in lines { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], width(cell)) } }
        return lines.map { line in
            var text = line.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - width(cell))
            }
            .joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }.joined(separator: "\n")
    }

    /// Terminal columns: East Asian wide characters take two.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { total, scalar in
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return total + (wide ? 2 : 1)
        }
    }
}
