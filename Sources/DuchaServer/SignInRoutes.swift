import Foundation
import Hummingbird

extension Portal {
    func addSignIn(to router: Router<PortalContext>) {
        router.get("/") { _, context -> Response in
            _ = try await viewer(context)
            return Self.redirect("/ledger")
        }
        router.get("/static/portal.css") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: views.stylesheet)))
        }
        router.get("/signin") { _, context -> Response in
            if context.sessions.session != nil, (try? await viewer(context)) != nil { return Self.redirect("/ledger") }
            return views.page("signin", title: "登录")
        }
        router.post("/signin") { request, context -> Response in
            try Self.checkOrigin(request)
            let form = try await FormBody.read(request, limit: 16 << 10)
            let name = form["name"] ?? ""
            let password = form["password"] ?? ""
            let address = context.address
            if let seconds = await throttle.wait(account: name, address: address) {
                audit.append(account: name, from: address, action: "登录", outcome: "拒绝：尝试过多，已暂停")
                return views.page(
                    "signin", title: "登录",
                    data: ["error": "登录失败次数过多，请 \((seconds + 59) / 60) 分钟后再试", "name": name],
                    status: .tooManyRequests)
            }
            let accounts = try await self.accounts.all()
            guard let account = AccountBook.verify(name: name, password: password, in: accounts) else {
                await throttle.failed(account: name, address: address)
                audit.append(account: name, from: address, action: "登录", outcome: "失败：账号或密码错误，或账号已停用")
                return views.page(
                    "signin", title: "登录", data: ["error": "账号或密码错误", "name": name], status: .unauthorized)
            }
            await throttle.succeeded(account: name)
            context.sessions.clearSession()
            context.sessions.createSession(PortalSession(account: account.name, csrf: Self.token()))
            audit.append(account: account.name, from: address, action: "登录", outcome: "成功")
            return Self.redirect("/ledger")
        }
        router.post("/signout") { request, context -> Response in
            let viewer = try await viewer(context)
            _ = try await form(request, context, viewer: viewer)
            context.sessions.clearSession()
            audit.append(account: viewer.name, from: context.address, action: "退出", outcome: "成功")
            return Self.redirect("/signin")
        }
    }
}
