import Foundation
import Hummingbird

/// A posted form: its fields (a name may repeat, as checkboxes do) and its uploaded files, from an
/// `application/x-www-form-urlencoded` or a `multipart/form-data` body.
struct FormBody: Sendable {
    struct File: Sendable {
        var field: String
        var name: String
        var bytes: [UInt8]
    }

    var fields: [(String, String)] = []
    var files: [File] = []

    subscript(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { fields.filter { $0.0 == name }.map(\.1) }

    /// Reads the body of `request`, at most `limit` bytes.
    /// - Throws: `HTTPError(.contentTooLarge)` past the limit, `.badRequest` for a body that is not a form.
    static func read(_ request: Request, limit: Int) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: limit)
        let bytes = Array(buffer.readableBytesView)
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = parameter("boundary", of: type) else { throw HTTPError(.badRequest) }
            return try multipart(bytes, boundary: boundary)
        }
        return urlEncoded(String(decoding: bytes, as: UTF8.self))
    }

    static func urlEncoded(_ text: String) -> FormBody {
        var form = FormBody()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            form.fields.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
        return form
    }

    /// `boundary` of `multipart/form-data; boundary=xyz`.
    static func parameter(_ name: String, of header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = kv[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// RFC 7578: parts between `--boundary` lines, each with its headers, a blank line and its bytes.
    static func multipart(_ body: [UInt8], boundary: String) throws -> FormBody {
        var form = FormBody()
        let delimiter = Array(("--" + boundary).utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        guard body.starts(with: delimiter) else { throw HTTPError(.badRequest) }
        var position = delimiter.count
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[position...].starts(with: [0x2D, 0x2D]) { break }
            guard body[position...].starts(with: [0x0D, 0x0A]) else { throw HTTPError(.badRequest) }
            position += 2
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: position) else {
                throw HTTPError(.badRequest)
            }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let start = headerEnd + 4
            guard let end = find(separator, in: body, from: start) else { throw HTTPError(.badRequest) }
            var disposition = ""
            for line in headers.components(separatedBy: "\r\n")
            where line.lowercased().hasPrefix("content-disposition:") {
                disposition = line
            }
            guard let name = parameter("name", of: disposition) else { throw HTTPError(.badRequest) }
            let content = Array(body[start..<end])
            if let filename = parameter("filename", of: disposition) {
                if !content.isEmpty || !filename.isEmpty {
                    form.files.append(File(field: name, name: filename, bytes: content))
                }
            } else {
                form.fields.append((name, String(decoding: content, as: UTF8.self)))
            }
            position = end + separator.count
        }
        return form
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count - from, let first = needle.first else { return nil }
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
