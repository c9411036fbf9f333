import Archive
import Foundation
import GuoMi
import Matters
import ODF

/// The hand-over as DA/T 48-2009 asks: each 件 with its 电子文件封装包 (EEP) — its metadata per DA/T 46-2009 and
/// its files' SM3 digests in 被签名对象, then the office's SM2 signature in 电子签名块 and a 锁定签名 over it —
/// and the whole package signed over its SM3 manifest.
///
/// The files stay beside the EEP (`文件/<档号>/…`) and 编码数据 holds each file's SM3 digest (反编码关键字
/// `sm3-hex`) instead of its Base64 bytes: the package is the dossier bag, and copying every file into XML a
/// second time would double it. What is signed is the UTF-8 bytes of the 被签名对象 element exactly as written
/// in the file, from `<被签名对象` to `</被签名对象>`, so a verifier needs no XML canonicalisation.
enum HandOverPackage {
    static let namespace = "http://www.saac.gov.cn/standards/ERM/encapsulation"
    /// SM2 with SM3 (GB/T 33560-2017).
    static let algorithm = "1.2.156.10197.1.501"
    static let folder = "封装包"
    static let signatureFile = "移交签名.xml"
    static let rule =
        "SM2 签名（GB/T 32918-2016），杂凑 SM3（GB/T 32905-2016），用户标识 1234567812345678（GB/T 35276-2017），签名值 DER 编码后 Base64；签名对象为本文件中自“<被签名对象”至“</被签名对象>”的 UTF-8 字节"
    static let lockRule = "SM2/SM3 签名，签名对象为被锁定签名的“签名结果”文本的 UTF-8 字节"

    /// The signer: the office's name, its key, and the time written into each signature.
    struct Signer {
        var name: String
        var key: SM2PrivateKey
        var time: String
    }

    /// The EEP of one 件 (`files`: its files as they are in the package, `文件/<档号>/<name>`).
    static func eep(
        _ item: DossierItem, files: [(path: String, bytes: [UInt8])], fonds: FondsProfile, year: Int, office: String,
        created: String, signer: Signer?
    ) throws -> [UInt8] {
        func leaf(_ name: String, _ text: String) -> XMLNode {
            .element(XMLElement(name, children: text.isEmpty ? [] : [.text(text)]))
        }
        func group(_ name: String, _ children: [XMLNode]) -> XMLNode { .element(XMLElement(name, children: children)) }
        var documents: [XMLNode] = []
        for (n, file) in files.enumerated() {
            let id = "修改0-文档\(n + 1)"
            let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
            let ext = name.split(separator: ".").last.map(String.init)?.lowercased() ?? ""
            documents.append(
                group(
                    "文档",
                    [
                        leaf("文档标识符", id), leaf("文档序号", String(n + 1)), leaf("文档主从声明", n == 0 ? "主文档" : "附属文档"),
                        .element(
                            XMLElement(
                                "文档数据", attributes: [XMLAttribute("文档数据ID", id + "-文档数据1")],
                                children: [
                                    .element(
                                        XMLElement(
                                            "编码", attributes: [XMLAttribute("编码ID", id + "-文档数据1-编码1")],
                                            children: [
                                                group(
                                                    "电子属性",
                                                    [
                                                        leaf("格式信息", ext), leaf("计算机文件名", name),
                                                        leaf("计算机文件大小", String(file.bytes.count)),
                                                        leaf("文档创建程序", "Ducha"),
                                                    ]),
                                                leaf("编码描述", "文件存放在本移交包的 \(file.path)，此处记其 SM3 数字摘要"),
                                                leaf("反编码关键字", "sm3-hex"), leaf("编码数据", SM3.hex(file.bytes)),
                                            ]))
                                ])),
                    ]))
        }
        let entity = group(
            "文件实体",
            [
                leaf("聚合层次", "文件"),
                group("来源", [leaf("全宗名称", fonds.fondsName), leaf("立档单位名称", fonds.fondsName)]),
                leaf("电子文件号", item.reference),
                group(
                    "档号",
                    [
                        leaf("全宗号", fonds.fondsCode), leaf("年度", String(year)), leaf("保管期限", item.retention.rawValue),
                        leaf("机构或问题", fonds.departmentCode), leaf("室编件号", String(item.number)),
                    ]),
                group(
                    "内容描述",
                    [
                        leaf("题名", item.title), leaf("文件编号", item.documentNumber), leaf("责任者", item.author),
                        leaf("日期", item.date.compact), leaf("密级", item.classification),
                    ]),
                group("形式特征", [leaf("文件组合类型", files.count > 1 ? "组合文件" : "单件"), leaf("页数", String(item.pages))]),
                group("存储位置", [leaf("当前位置", "文件/\(item.reference)/")]),
                group("文件数据", documents),
            ])
        let signed = XMLElement(
            "被签名对象", attributes: [XMLAttribute("eep版本", "2009")],
            children: [
                leaf("封装包类型", "原始型"), leaf("封装包类型描述", "本封装包包含电子文件数据及其元数据，原始封装，未经修改"),
                leaf("封装包创建时间", created), leaf("封装包创建单位", office),
                group(
                    "封装内容",
                    [
                        group("文件实体块", [entity]),
                        group(
                            "业务实体块",
                            [
                                group(
                                    "业务实体",
                                    [
                                        leaf("业务标识符", "移交-\(item.reference)"), leaf("机构人员标识符", office),
                                        leaf("文件标识符", item.reference), leaf("业务状态", "历史行为"), leaf("业务行为", "移交"),
                                        leaf("行为时间", created),
                                    ])
                            ]),
                        group(
                            "机构人员实体块",
                            [
                                group(
                                    "机构人员实体",
                                    [leaf("机构人员标识符", office), leaf("机构人员类型", "单位"), leaf("机构人员名称", office)])
                            ]),
                    ]),
            ])
        var root = XMLElement(
            "电子文件封装包", attributes: [XMLAttribute("xmlns", namespace)],
            children: [
                leaf("封装包格式描述", "本EEP根据中华人民共和国档案行业标准DA/T 48-2009《基于XML的电子文件封装规范》生成"), leaf("版本", "2009"),
                .element(signed),
            ])
        if let signer {
            // Sign the element's bytes as the file holds them.
            var unsigned = XMLWriter.declaration
            XMLWriter.serialize(indented(root), into: &unsigned)
            guard let body = signedBytes(unsigned) else { throw DuchaError.invalidRequest("封装包缺少被签名对象") }
            let certificate = try publicKeyBase64(signer.key)
            let signature = Base64.encode(try signer.key.sign(body))
            let lock = Base64.encode(try signer.key.sign(Array(signature.utf8)))
            func block(_ result: String) -> [XMLNode] {
                [
                    leaf("签名时间", signer.time), leaf("签名人", signer.name), leaf("签名结果", result),
                    group(
                        "证书块", [leaf("证书", certificate), leaf("证书引证", "SM2 公钥（SubjectPublicKeyInfo，PEM 正文），非 CA 证书")]),
                    leaf("签名算法标识", algorithm),
                ]
            }
            root.children.append(
                group(
                    "电子签名块",
                    [group("电子签名", [leaf("签名标识符", "修改0-签名1"), leaf("签名规则", rule)] + block(signature))]))
            root.children.append(
                group("锁定签名", [leaf("被锁定签名标识符", "修改0-签名1"), leaf("签名规则", lockRule)] + block(lock)))
        }
        var out = XMLWriter.declaration
        XMLWriter.serialize(indented(root), into: &out)
        out.append(0x0A)
        return out
    }

    /// The element with its element-only content indented two spaces a level, for people who read the file.
    static func indented(_ element: XMLElement, depth: Int = 0) -> XMLElement {
        guard !element.children.isEmpty, element.children.allSatisfy({ if case .element = $0 { true } else { false } })
        else { return element }
        var copy = element
        copy.children = []
        for child in element.children {
            guard case .element(let inner) = child else { continue }
            copy.children.append(.text("\n" + String(repeating: "  ", count: depth + 1)))
            copy.children.append(.element(indented(inner, depth: depth + 1)))
        }
        copy.children.append(.text("\n" + String(repeating: "  ", count: depth)))
        return copy
    }

    /// `移交签名.xml`: the SM2 signature of the package's `manifest-sm3.txt`, which holds the SM3 digest of every
    /// file of the package (the EEPs among them).
    static func packageSignature(manifest: [UInt8], signer: Signer) throws -> [UInt8] {
        func leaf(_ name: String, _ text: String) -> XMLNode { .element(XMLElement(name, children: [.text(text)])) }
        let root = XMLElement(
            "移交包签名", attributes: [XMLAttribute("xmlns", "urn:ducha:handover:1")],
            children: [
                leaf("被签名文件", "manifest-sm3.txt"), leaf("摘要", SM3.hex(manifest)), leaf("签名人", signer.name),
                leaf("签名时间", signer.time), leaf("签名规则", "SM2/SM3 签名，签名对象为 manifest-sm3.txt 的全部字节"),
                leaf("签名算法标识", algorithm), leaf("签名结果", Base64.encode(try signer.key.sign(manifest))),
                leaf("公钥", try publicKeyBase64(signer.key)),
            ])
        var out = XMLWriter.declaration
        XMLWriter.serialize(indented(root), into: &out)
        out.append(0x0A)
        return out
    }

    /// The public key's PEM body (Base64 of the DER SubjectPublicKeyInfo) on one line.
    static func publicKeyBase64(_ key: SM2PrivateKey) throws -> String {
        String(decoding: try key.publicKey.pem, as: UTF8.self).split(separator: "\n")
            .filter { !$0.hasPrefix("-----") }.joined()
    }

    /// The bytes of the 被签名对象 element in an EEP as written, if there is exactly one.
    static func signedBytes(_ eep: [UInt8]) -> [UInt8]? {
        let open = Array("<被签名对象".utf8)
        let close = Array("</被签名对象>".utf8)
        guard let start = find(open, in: eep, from: 0), let end = find(close, in: eep, from: start) else { return nil }
        if find(open, in: eep, from: start + open.count) != nil { return nil }
        return Array(eep[start..<(end + close.count)])
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

/// Base64 (RFC 4648), for signatures and keys in XML.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
    static func decode(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text.filter { !$0.isWhitespace }).map { [UInt8]($0) }
    }
}
