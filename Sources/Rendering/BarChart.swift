import ODF

/// A horizontal stacked bar chart drawn as SVG 1.1 — one bar per category, one coloured segment per series —
/// for embedding in a document as a picture (LibreOffice renders SVG in `draw:image`).
///
/// Every coordinate is a whole number of tenths of a millimetre, so the same figures give the same bytes on
/// every machine; nothing is measured with a font: a CJK character is taken as one em wide, other characters
/// as half an em.
public struct BarChart: Sendable, Equatable {
    /// One kind of segment, with its colour (`#rrggbb`).
    public struct Series: Sendable, Equatable {
        public var name: String
        public var color: String

        public init(name: String, color: String) {
            self.name = name
            self.color = color
        }
    }

    /// One bar: its label and one value per series.
    public struct Category: Sendable, Equatable {
        public var label: String
        public var values: [Int]

        public init(label: String, values: [Int]) {
            self.label = label
            self.values = values
        }
    }

    public var title: String
    public var series: [Series]
    public var categories: [Category]
    /// The picture's size in millimetres (the size of the frame that shows it).
    public var width: Int
    public var height: Int
    /// The font the labels name (documents name the government fonts; see `Templates/fonts.conf`).
    public var fontFamily: String
    /// What the chart says when there is no category.
    public var emptyText: String

    public init(
        title: String, series: [Series], categories: [Category], width: Int = 156, height: Int = 100,
        fontFamily: String = "黑体", emptyText: String = "没有可列出的事项"
    ) {
        self.title = title
        self.series = series
        self.categories = categories
        self.width = width
        self.height = height
        self.fontFamily = fontFamily
        self.emptyText = emptyText
    }

    /// The SVG document.
    public func svg() -> [UInt8] {
        let w = width * 10
        let h = height * 10
        let margin = 20
        var shapes: [XMLNode] = [.element(XMLElement("title", children: [.text(title)]))]
        shapes += legend(top: margin, width: w)
        let plotTop = margin + 80
        let plotBottom = h - margin - 60
        guard !categories.isEmpty else {
            shapes.append(text(emptyText, x: w / 2, y: (plotTop + plotBottom) / 2, size: 40, anchor: "middle"))
            return document(shapes, w: w, h: h)
        }
        let band = (plotBottom - plotTop) / categories.count
        let size = max(16, min(36, band * 7 / 10))
        let widest = categories.map { Self.ems($0.label) * size / 10 }.max() ?? 0
        let labelWidth = min(widest + 24, w * 2 / 5)
        let plotLeft = margin + labelWidth
        let plotRight = w - margin - 90
        let largest = max(1, categories.map { $0.values.reduce(0, +) }.max() ?? 1)
        let step = Self.step(for: largest)
        let top = (largest + step - 1) / step * step
        func x(_ value: Int) -> Int { plotLeft + value * (plotRight - plotLeft) / top }
        for tick in stride(from: 0, through: top, by: step) {
            shapes.append(line(x1: x(tick), y1: plotTop, x2: x(tick), y2: plotBottom, color: "#c8c8c8", width: 2))
            shapes.append(text(String(tick), x: x(tick), y: plotBottom + 42, size: 30, anchor: "middle"))
        }
        shapes.append(line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, color: "#000000", width: 3))
        let barHeight = min(band * 62 / 100, 80)
        for (i, category) in categories.enumerated() {
            let centre = plotTop + band * i + band / 2
            let labelSize = min(size, max(14, (labelWidth - 24) * 10 / max(1, Self.ems(category.label))))
            shapes.append(text(category.label, x: plotLeft - 12, y: centre + labelSize * 35 / 100, size: labelSize))
            var start = 0
            for (value, kind) in zip(category.values, series) where value > 0 {
                let left = x(start)
                let right = x(start + value)
                shapes.append(
                    rect(x: left, y: centre - barHeight / 2, width: right - left, height: barHeight, kind.color))
                let digits = String(value)
                if right - left >= digits.count * size * 6 / 10 + 8 {
                    shapes.append(
                        text(
                            digits, x: (left + right) / 2, y: centre + size * 35 / 100, size: size, anchor: "middle",
                            color: "#ffffff"))
                }
                start += value
            }
            shapes.append(
                text(String(start), x: x(start) + 12, y: centre + size * 35 / 100, size: size, anchor: "start"))
        }
        return document(shapes, w: w, h: h)
    }

    /// The legend: a swatch and the name of each series, in a row at the top.
    private func legend(top: Int, width: Int) -> [XMLNode] {
        var nodes: [XMLNode] = []
        let size = 32
        let items = series.map { Self.ems($0.name) * size / 10 + 36 + 50 }
        var x = (width - items.reduce(0, +)) / 2
        for (kind, itemWidth) in zip(series, items) {
            nodes.append(rect(x: x, y: top + 8, width: 30, height: 30, kind.color))
            nodes.append(text(kind.name, x: x + 40, y: top + 8 + 27, size: size, anchor: "start"))
            x += itemWidth
        }
        return nodes
    }

    private func document(_ shapes: [XMLNode], w: Int, h: Int) -> [UInt8] {
        let group = XMLElement(
            "g", attributes: [XMLAttribute("font-family", fontFamily)],
            children: [rect(x: 0, y: 0, width: w, height: h, "#ffffff")] + shapes)
        let root = XMLElement(
            "svg",
            attributes: [
                XMLAttribute("xmlns", "http://www.w3.org/2000/svg"), XMLAttribute("version", "1.1"),
                XMLAttribute("width", "\(width)mm"), XMLAttribute("height", "\(height)mm"),
                XMLAttribute("viewBox", "0 0 \(w) \(h)"),
            ], children: [.element(group)])
        var out = root.documentBytes()
        out.append(0x0A)
        return out
    }

    private func rect(x: Int, y: Int, width: Int, height: Int, _ fill: String) -> XMLNode {
        .element(
            XMLElement(
                "rect",
                attributes: [
                    XMLAttribute("x", String(x)), XMLAttribute("y", String(y)), XMLAttribute("width", String(width)),
                    XMLAttribute("height", String(height)), XMLAttribute("fill", fill),
                ]))
    }

    private func line(x1: Int, y1: Int, x2: Int, y2: Int, color: String, width: Int) -> XMLNode {
        .element(
            XMLElement(
                "line",
                attributes: [
                    XMLAttribute("x1", String(x1)), XMLAttribute("y1", String(y1)), XMLAttribute("x2", String(x2)),
                    XMLAttribute("y2", String(y2)), XMLAttribute("stroke", color),
                    XMLAttribute("stroke-width", String(width)),
                ]))
    }

    private func text(
        _ content: String, x: Int, y: Int, size: Int, anchor: String = "end", color: String = "#000000"
    ) -> XMLNode {
        .element(
            XMLElement(
                "text",
                attributes: [
                    XMLAttribute("x", String(x)), XMLAttribute("y", String(y)),
                    XMLAttribute("font-size", String(size)), XMLAttribute("text-anchor", anchor),
                    XMLAttribute("fill", color),
                ], children: [.text(content)]))
    }

    /// The width of a text in tenths of an em: 10 for a wide (CJK) character, 5 for any other.
    static func ems(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 10 : 5) }
    }

    /// A tick step of 1, 2 or 5 times a power of ten giving at most six steps up to `largest`.
    static func step(for largest: Int) -> Int {
        var power = 1
        while true {
            for factor in [1, 2, 5] where (largest + factor * power - 1) / (factor * power) <= 6 {
                return factor * power
            }
            power *= 10
        }
    }
}
