import HTTPTypes
import Hummingbird

/// Errors as pages in Chinese: a 404 says only that there is no such page (so that a matter one may not see and
/// one that does not exist answer the same), a redirect goes where it says, anything unexpected is logged and
/// answered with a plain 500.
struct ErrorPages: RouterMiddleware {
    typealias Context = PortalContext
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            if (300..<400).contains(error.status.code) {
                return Response(status: error.status, headers: error.headers)
            }
            let (heading, text) = Self.words(error.status, message: error.body)
            var response = views.page(
                "message", title: heading, data: ["heading": heading, "text": text], status: error.status)
            response.headers.append(contentsOf: error.headers)
            return response
        } catch {
            context.logger.error("请求 \(request.uri.path) 出错：\(error)")
            return views.page(
                "message", title: "服务器错误", data: ["heading": "服务器错误", "text": "处理请求时出错，已记入服务器日志。"],
                status: .internalServerError)
        }
    }

    static func words(_ status: HTTPResponse.Status, message: String?) -> (String, String) {
        switch status.code {
        case 404: return ("找不到页面", "没有这个页面，或此账号无权查看。")
        case 403: return ("无权操作", message ?? "此账号无权进行此操作。")
        case 413: return ("文件太大", "上传的内容超过上限（附件至多 \(Upload.maxBytes >> 20) MiB）。")
        case 429: return ("请稍后再试", message ?? "尝试次数过多，请稍后再试。")
        default: return ("请求有误", message ?? "请求有误。")
        }
    }
}
