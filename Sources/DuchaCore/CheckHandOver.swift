import Archive
import Foundation
import GuoMi
import ODF

/// The signatures and EEPs of a received hand-over: the package's signature over its SM3 manifest, each 件's
/// EEP signature and 锁定签名, all by the key the sending office gave; and each EEP's file sizes and SM3 digests
/// against the files.
enum CheckHandOver {
    static func check(
        root: String, display: String, catalogue: CheckCatalogue?, publicKey: String?,
        into evidence: inout CheckEvidence
    ) {
        var key: SM2PublicKey?
        if let publicKey {
            do {
                key = try SM2PublicKey(pem: try Files.read(publicKey))
            } catch {
                evidence.fail(.signatures, "\(publicKey)：不是可用的 SM2 公钥：\(error)")
            }
        } else {
            evidence.fail(.signatures, "没有给出移交单位的 SM2 公钥（--public-key），无法确认签名人")
        }
        checkPackageSignature(root: root, display: display, key: key, into: &evidence)
        let items = catalogue?.items ?? []
        let references = Set(items.map(\.reference))
        let eeps =
            ((try? Bag(root: root).payloadFiles(includingHidden: true)) ?? []).filter {
                $0.hasPrefix("data/\(HandOverPackage.folder)/")
            }
        for file in eeps {
            let name = String(file.dropFirst("data/\(HandOverPackage.folder)/".count))
            let reference = name.hasSuffix(".xml") ? String(name.dropLast(4)) : name
            if !references.contains(reference) {
                evidence.fail(.linkage, "\(display)/\(file)：归档文件目录中没有档号 \(reference)")
            }
        }
        var verified = 0
        for item in items {
            let file = "data/\(HandOverPackage.folder)/\(item.reference).xml"
            guard let bytes = try? AtomicFile.read(root + "/" + file) else {
                evidence.fail(.content, "\(display)/\(file)：\(item.reference) 的电子文件封装包不存在")
                continue
            }
            let xml: XMLElement
            do {
                xml = try XMLDocumentParser.parse(bytes, source: display + "/" + file)
            } catch {
                evidence.fail(.metadataReadable, "\(display)/\(file)：无法读取：\(error)")
                continue
            }
            if xml.name != "电子文件封装包" || xml.childElements.first(where: { $0.name == "被签名对象" }) == nil {
                evidence.fail(.structure, "\(display)/\(file)：不是 DA/T 48 电子文件封装包（缺少被签名对象）")
                continue
            }
            checkDigests(xml, item: item, root: root, display: display + "/" + file, into: &evidence)
            if let key, verifySignatures(xml, bytes: bytes, key: key, display: display + "/" + file, into: &evidence) {
                verified += 1
            }
        }
        evidence.note(.signatures, "\(verified) 个电子文件封装包的电子签名和锁定签名验证通过")
        evidence.note(.fileProperties, "\(items.count) 个封装包记录的文件大小与 SM3 摘要已与文件核对")
    }

    /// `移交签名.xml` over `manifest-sm3.txt`.
    static func checkPackageSignature(
        root: String, display: String, key: SM2PublicKey?, into evidence: inout CheckEvidence
    ) {
        let path = root + "/" + HandOverPackage.signatureFile
        guard let bytes = try? AtomicFile.read(path) else {
            evidence.fail(.signatures, "\(display)/\(HandOverPackage.signatureFile)：移交包没有签名")
            return
        }
        guard let xml = try? XMLDocumentParser.parse(bytes, source: path),
            let signature = Base64.decode(text(xml, "签名结果"))
        else {
            evidence.fail(.signatures, "\(display)/\(HandOverPackage.signatureFile)：签名无法读取")
            return
        }
        let manifest = (try? AtomicFile.read(root + "/manifest-sm3.txt")) ?? []
        guard let key else { return }
        if key.verify(signature: signature, of: manifest) {
            evidence.note(.signatures, "\(display)：移交包签名（覆盖 manifest-sm3.txt）验证通过")
        } else {
            evidence.fail(.signatures, "\(display)/\(HandOverPackage.signatureFile)：签名与 manifest-sm3.txt 或公钥不符（伪造或改动）")
        }
    }

    /// The EEP's 电子签名 over its 被签名对象 and its 锁定签名 over that signature.
    static func verifySignatures(
        _ xml: XMLElement, bytes: [UInt8], key: SM2PublicKey, display: String, into evidence: inout CheckEvidence
    ) -> Bool {
        guard let block = xml.childElements.first(where: { $0.name == "电子签名块" }),
            let signature = block.childElements.first(where: { $0.name == "电子签名" })
        else {
            evidence.fail(.signatures, "\(display)：没有电子签名块")
            return false
        }
        let result = text(signature, "签名结果")
        guard let body = HandOverPackage.signedBytes(bytes), let value = Base64.decode(result),
            key.verify(signature: value, of: body)
        else {
            evidence.fail(.signatures, "\(display)：电子签名与被签名对象或公钥不符（伪造或改动）")
            return false
        }
        guard let lock = xml.childElements.first(where: { $0.name == "锁定签名" }),
            text(lock, "被锁定签名标识符") == text(signature, "签名标识符"),
            let locked = Base64.decode(text(lock, "签名结果")), key.verify(signature: locked, of: Array(result.utf8))
        else {
            evidence.fail(.signatures, "\(display)：锁定签名缺失或与电子签名不符")
            return false
        }
        return true
    }

    /// Each 文档's 计算机文件名, 计算机文件大小 and SM3 digest against the 件's files.
    static func checkDigests(
        _ xml: XMLElement, item: CheckCatalogue.Item, root: String, display: String, into evidence: inout CheckEvidence
    ) {
        var codings: [XMLElement] = []
        func collect(_ element: XMLElement) {
            if element.name == "编码" { codings.append(element) }
            element.childElements.forEach(collect)
        }
        collect(xml)
        let recorded = Set(codings.map { text($0, "电子属性", "计算机文件名") })
        for file in item.files {
            let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
            if !recorded.contains(name) { evidence.fail(.linkage, "\(display)：没有记录 \(item.reference) 的文件 \(name)") }
        }
        for coding in codings {
            let name = text(coding, "电子属性", "计算机文件名")
            guard let bytes = try? AtomicFile.read(root + "/data/文件/\(item.reference)/\(name)") else { continue }
            if text(coding, "电子属性", "计算机文件大小") != String(bytes.count) {
                evidence.fail(.fileProperties, "\(display)：\(name) 的计算机文件大小与文件不符")
            }
            let ext = name.split(separator: ".").last.map(String.init)?.lowercased() ?? ""
            if text(coding, "电子属性", "格式信息") != ext
                || !CheckFiles.formatMatches(extension: ext, content: CheckFiles.format(of: bytes))
            {
                evidence.fail(.fileProperties, "\(display)：\(name) 的格式信息“\(text(coding, "电子属性", "格式信息"))”与文件内容不符")
            }
            // The digest is 固化信息: a changed byte fails that item, not this one.
            if text(coding, "反编码关键字") != "sm3-hex" || text(coding, "编码数据") != SM3.hex(bytes) {
                evidence.fail(.fixity, "\(display)：\(name) 的 SM3 摘要与封装包记录的不符")
            }
        }
    }

    /// The text of the child at `path` (element names), or "".
    static func text(_ element: XMLElement, _ path: String...) -> String {
        var current = element
        for name in path {
            guard let next = current.childElements.first(where: { $0.name == name }) else { return "" }
            current = next
        }
        return current.textContent
    }
}
