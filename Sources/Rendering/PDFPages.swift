/// The number of pages of a PDF, counted from its page objects (`/Type /Page`, not `/Pages`).
public enum PDFPages {
    public static func count(_ bytes: [UInt8]) -> Int {
        let type = Array("/Type".utf8)
        let page = Array("/Page".utf8)
        var count = 0
        var i = 0
        while i + type.count < bytes.count {
            guard bytes[i] == 0x2F, bytes[i..<(i + type.count)].elementsEqual(type) else {
                i += 1
                continue
            }
            var j = i + type.count
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
            if j + page.count < bytes.count, bytes[j..<(j + page.count)].elementsEqual(page) {
                let next = bytes[j + page.count]
                let isLetter = (0x41...0x5A).contains(next) || (0x61...0x7A).contains(next)
                if !isLetter { count += 1 }
            }
            i = j
        }
        return max(count, 1)
    }
}
