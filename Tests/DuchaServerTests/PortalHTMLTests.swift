import Foundation
import Mustache
import TestSupport
import Testing

@testable import DuchaServer

@Suite("Portal: HTML escaping")
struct PortalHTMLTests {
    @Test("the portal's escaping writes the same entities as Mustache's, and text without them unchanged")
    func escapesAsMustacheDoes() async throws {
        #expect(PortalHTML.escape(#"a<b>&"c"'d'"#) == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        #expect(PortalHTML.escape("什刹海街道：关于“背街小巷”的批示") == "什刹海街道：关于“背街小巷”的批示")
        #expect(PortalHTML.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(PortalHTML.escape("") == "")
        // The same as Mustache's own HTML escaping, which the templates used before.
        let library = MustacheLibrary()
        let template = try MustacheTemplate(string: "{{value}}")
        for text in [#"<&>"'"#, "中文<b>", "plain", "a&amp;b"] {
            let mustache = template.render(["value": text], library: library)
            #expect(PortalHTML.escape(text) == mustache, "\(text)")
        }
    }

    @Test("every template names the portal's escaping on its first line")
    func everyTemplateEscapes() throws {
        let folder = TestEnvironment.packageRoot.appendingPathComponent("Sources/DuchaServer/Templates").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        #expect(names.count >= 10)
        for name in names {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            #expect(text.hasPrefix("{{% CONTENT_TYPE: PORTAL_HTML}}\n"), "\(name)")
        }
    }
}
