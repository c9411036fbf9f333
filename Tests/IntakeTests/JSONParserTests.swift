import Testing

@testable import Intake

@Suite("JSON parser")
struct JSONParserTests {
    static func parse(_ text: String) throws -> JSONNode {
        try JSONParser.parse(Array(text.utf8))
    }

    /// The syntax error of `bytes`, recording an issue when there is none.
    static func syntaxError(
        _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
    ) -> JSONParser.SyntaxError? {
        do {
            let node = try JSONParser.parse(bytes)
            Issue.record("parsed without error: \(node)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test("Scalars, arrays and objects")
    func structure() throws {
        let node = try Self.parse(#"{"a": [true, false, null, "x", 1], "b": {}, "c": []}"#)
        let expected = JSONNode(
            .object([
                JSONMember(
                    key: "a",
                    value: JSONNode(
                        .array([
                            JSONNode(.bool(true), line: 1), JSONNode(.bool(false), line: 1),
                            JSONNode(.null, line: 1), JSONNode(.string("x"), line: 1),
                            JSONNode(.number("1"), line: 1),
                        ]), line: 1)),
                JSONMember(key: "b", value: JSONNode(.object([]), line: 1)),
                JSONMember(key: "c", value: JSONNode(.array([]), line: 1)),
            ]), line: 1)
        #expect(node == expected)
        #expect(try Self.parse("  \"只有文字\"  \n").value == .string("只有文字"))
        #expect(try Self.parse("\t\r\n[ ]\r\n").value == .array([]))
    }

    @Test(
        "String escapes",
        arguments: [
            (#""a\"b""#, "a\"b"),
            (#""a\\b""#, "a\\b"),
            (#""a\/b""#, "a/b"),
            (#""\b\f\n\r\t""#, "\u{08}\u{0C}\n\r\t"),
            (#""\u00e9\u00E9""#, "\u{E9}\u{E9}"),
            (#""\u4e2d\u6587""#, "中文"),
            (#""\ud842\udfb7""#, "𠮷"),
            (#""\uD842\uDFB7野家""#, "𠮷野家"),
            (#""\ud83d\ude00""#, "\u{1F600}"),
            (#""\udbff\udfff""#, "\u{10FFFF}"),
            (#""\u0000\u0007\u001b""#, "\u{0}\u{7}\u{1B}"),
            (#""\u0041\u0301""#, "A\u{301}"),
            (#""""#, ""),
        ])
    func escapes(json: String, expected: String) throws {
        let node = try Self.parse(json)
        guard case .string(let s) = node.value else {
            Issue.record("not a string: \(node)")
            return
        }
        // Compare bytes: String == would treat canonically equivalent texts as equal.
        #expect(Array(s.utf8) == Array(expected.utf8))
    }

    @Test("Raw UTF-8 Chinese and rare characters pass through byte for byte")
    func rawUTF8() throws {
        let text = "朱镕基 𠮷野家 e\u{301} \u{F900} 〔2026〕 ①"
        let node = try Self.parse("[\"" + text + "\", {\"镕\": \"𠮷\"}]")
        guard case .array(let items) = node.value, items.count == 2,
            case .string(let s) = items[0].value, case .object(let members) = items[1].value
        else {
            Issue.record("unexpected shape: \(node)")
            return
        }
        #expect(Array(s.utf8) == Array(text.utf8))
        #expect(members.map(\.key) == ["镕"])
        #expect(members.first?.value.value == .string("𠮷"))
    }

    @Test(
        "Numbers are kept exactly as written",
        arguments: ["0", "-0", "12", "-12", "0.5", "1.50", "1e5", "1E+05", "-2.5e-3", "12345678901234567890123"])
    func numbers(text: String) throws {
        #expect(try Self.parse(text).value == .number(text))
        #expect(try Self.parse("[" + text + "]").value == .array([JSONNode(.number(text), line: 1)]))
    }

    @Test("Line numbers of nested values")
    func lineNumbers() throws {
        let text = """
            {
              "a": 1,
              "b": [
                "x",

                {"c": true,
                 "d": null}
              ],
              "e":
                "late"
            }
            """
        let root = try Self.parse(text)
        #expect(root.line == 1)
        guard case .object(let members) = root.value, members.count == 3,
            case .array(let items) = members[1].value.value, items.count == 2,
            case .object(let inner) = items[1].value, inner.count == 2
        else {
            Issue.record("unexpected shape: \(root)")
            return
        }
        #expect(members.map(\.value.line) == [2, 3, 10])
        #expect(items.map(\.line) == [4, 6])
        #expect(inner.map(\.value.line) == [6, 7])
    }

    @Test("CRLF line ends count one line each")
    func crlfLines() throws {
        let root = try Self.parse("[\r\n1,\r\n\r\n2]")
        guard case .array(let items) = root.value else {
            Issue.record("not an array")
            return
        }
        #expect(items.map(\.line) == [2, 4])
    }

    @Test("Key order and duplicate keys are preserved")
    func keyOrderAndDuplicates() throws {
        let root = try Self.parse(
            """
            {"z": 1, "a": 2, "m": 3,
             "a": "again"}
            """)
        guard case .object(let members) = root.value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["z", "a", "m", "a"])
        #expect(members[1].value == JSONNode(.number("2"), line: 1))
        #expect(members[3].value == JSONNode(.string("again"), line: 2))
    }

    @Test("A UTF-8 byte order mark is accepted")
    func byteOrderMark() throws {
        let node = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[\n\"督查\"]".utf8))
        #expect(node.value == .array([JSONNode(.string("督查"), line: 2)]))
    }

    @Test(
        "Syntax errors name the line where they are",
        arguments: [
            ("unterminated string", "[\n  \"ok\",\n  \"abc", 3),
            ("unterminated string before EOF in object", "{\n\"a\": \"abc\\\"", 2),
            ("trailing comma in array", "[\n  1,\n  2,\n]", 4),
            ("trailing comma in object", "{\n  \"a\": 1,\n  \"b\": 2,\n}", 4),
            ("raw newline in string", "{\n  \"a\": \"first\nsecond\"\n}", 2),
            ("raw tab in string", "[\n\n\"a\tb\"]", 3),
            ("lone high surrogate", "[\n\"\\ud800\"]", 2),
            ("high surrogate then a letter", "[\n\n\"\\ud800\\u0041\"]", 3),
            ("high surrogate then another escape", "[\"\\ud800\\n\"]", 1),
            ("lone low surrogate", "\n\n\n\"\\udc00\"", 4),
            ("leading zero", "{\n  \"n\": 012\n}", 2),
            ("negative leading zero", "[\n-012]", 2),
            ("garbage after the value", "{\"a\": 1}\n\n x", 3),
            ("second value", "[1]\n[2]", 2),
            ("missing colon", "{\n\"a\" 1}", 2),
            ("unquoted key", "{\n  a: 1}", 2),
            ("single quotes", "['a']", 1),
            ("bad escape", "[\n\"\\x\"]", 2),
            ("short unicode escape", "[\"\\u12\"]", 1),
            ("bad literal", "[\ntru]", 2),
            ("capital literal", "[True]", 1),
            ("empty input", "", 1),
            ("only whitespace", "\n\n", 3),
            ("missing array comma", "[1\n 2]", 2),
            ("missing object comma", "{\"a\": 1\n \"b\": 2}", 2),
            ("unclosed array", "[1,\n2", 2),
            ("unclosed object", "{\n\"a\": 1\n", 3),
            ("bare dot", "[.5]", 1),
            ("dot without digits", "[1.]", 1),
            ("exponent without digits", "[\n1e+]", 2),
            ("plus sign", "[+1]", 1),
            ("lone minus", "[-]", 1),
            ("comment", "// x\n[]", 1),
            ("form feed is not whitespace", "[\u{0C}1]", 1),
        ])
    func syntaxErrors(name: String, text: String, line: Int) throws {
        let error = try #require(Self.syntaxError(Array(text.utf8)), "\(name)")
        #expect(error.line == line, "\(name): \(error.message)")
        #expect(!error.message.isEmpty)
    }

    @Test("Invalid UTF-8 in a string is refused")
    func invalidUTF8() throws {
        for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE4, 0xB8]] {
            let bytes = Array("[\n\"a".utf8) + bad + Array("b\"]".utf8)
            let error = try #require(Self.syntaxError(bytes), "\(bad)")
            #expect(error.line == 2)
        }
    }

    @Test("Nesting is limited to 128 levels")
    func nestingLimit() throws {
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(try Self.parse(ok).line == 1)
        let tooDeep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(Self.syntaxError(Array(tooDeep.utf8)) != nil)
        let deepObjects = String(repeating: "{\"a\":", count: 200) + "1" + String(repeating: "}", count: 200)
        #expect(Self.syntaxError(Array(deepObjects.utf8)) != nil)
    }

    @Test("Type names used in messages")
    func typeNames() throws {
        let root = try Self.parse(#"["s", 1, true, null, [], {}]"#)
        guard case .array(let items) = root.value else {
            Issue.record("not an array")
            return
        }
        #expect(items.map(\.typeName) == ["文字", "数字", "true/false", "null", "数组", "对象"])
    }
}
