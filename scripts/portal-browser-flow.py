#!/usr/bin/env python3
"""The 督查管理系统 in a real browser (Debian's chromium and chromium-driver, driven through Selenium):
a clerk signs in, registers a matter, issues its 督查通知单 and downloads it; the unit signs in, 签收s, uploads a
progress report with a PDF and submits its 办理报告; the clerk returns it with reasons; the unit resubmits; the clerk
passes it and closes it. Each step checks what the page says. With --screenshots DIR it also saves the ledger and
the matter page.

Usage: portal-browser-flow.py --url http://127.0.0.1:PORT --password PW --pdf FILE --downloads DIR [--screenshots DIR]
Exit status 0 when every step did what it should, 1 with the failing step on standard error.
"""
import argparse
import os
import shutil
import sys
import time

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
except ImportError:
    sys.exit("需要 Selenium：python3 -m pip install selenium")

MATTER = "2026-101"
FIELDS = {
    "f-编号": MATTER, "f-事项名称": "关于背街小巷夜间照明的批示", "f-立项依据": "区领导批示件",
    "f-领导批示.领导": "王副区长", "f-领导批示.内容": "请区城市管理委会同什刹海街道研究落实。",
    "f-主责单位.名称": "什刹海街道", "f-办理要求": "一、摸清底数\n二、限期整改", "f-督查员.姓名": "clerk",
}
DATES = {"f-领导批示.日期": "2026-04-08", "f-立项日期": "2026-04-09", "f-办理时限": "2026-05-29"}
SELECTS = {"f-事项类型": "领导批示", "f-办理方式": "督办", "f-事项来源": "领导批示和交办事项"}


class Flow:
    def __init__(self, args):
        self.url = args.url.rstrip("/")
        self.password = args.password
        self.downloads = os.path.abspath(args.downloads)
        options = Options()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--lang=zh-CN"):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {
            "download.default_directory": self.downloads, "download.prompt_for_download": False,
            "intl.accept_languages": "zh-CN",
        })
        service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.implicitly_wait(5)
        self.step = "启动浏览器"

    def fail(self, message):
        raise AssertionError(f"{self.step}：{message}（页面 {self.driver.current_url}）")

    def expect(self, text, seconds=10):
        """Waits for the page (a submitted form's answer) to show `text`."""
        deadline = time.monotonic() + seconds
        body = ""
        while time.monotonic() < deadline:
            try:
                body = self.driver.find_element(By.TAG_NAME, "body").text
            except Exception:  # the page is being replaced
                body = ""
            if text in body:
                return
            time.sleep(0.1)
        self.fail(f"页面上没有“{text}”。页面内容：{body[:1500]}")

    def go(self, path):
        self.driver.get(self.url + path)

    def set_value(self, element_id, value):
        """Types a value into a field; dates and Chinese text are set as the page's value (ChromeDriver's key events
        neither type CJK reliably nor fill a date input the same in every locale)."""
        element = self.driver.find_element(By.ID, element_id)
        if value.isascii() and element.get_attribute("type") != "date":
            element.clear()
            element.send_keys(value)
        else:
            self.driver.execute_script("arguments[0].value = arguments[1]", element, value)

    def submit(self):
        self.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()

    def sign_in(self, name):
        self.step = f"{name} 登录"
        self.go("/signin")
        self.set_value("name", name)
        self.set_value("password", self.password)
        self.driver.find_element(By.CSS_SELECTOR, "main form button").click()
        self.expect("督查事项台账")

    def sign_out(self):
        self.driver.find_element(By.CSS_SELECTOR, "form.signout button").click()
        self.expect("密码")

    def event(self, kind, values=None, checks=(), files=(), expect=None):
        self.step = f"记录“{kind}”"
        self.go(f"/matters/{MATTER}")
        self.driver.find_element(By.LINK_TEXT, kind).click()
        for element_id, value in (values or {}).items():
            if self.driver.find_element(By.ID, element_id).tag_name == "select":
                Select(self.driver.find_element(By.ID, element_id)).select_by_visible_text(value)
            else:
                self.set_value(element_id, value)
        for element_id in checks:
            self.driver.find_element(By.ID, element_id).click()
        for path in files:
            self.driver.find_element(By.ID, "attachment").send_keys(os.path.abspath(path))
        self.submit()
        self.expect(expect or f"已记录“{kind}”")

    def run(self, pdf, screenshots):
        self.sign_in("clerk")
        self.step = "登记事项"
        self.driver.find_element(By.LINK_TEXT, "登记事项").click()
        for element_id, value in FIELDS.items():
            self.set_value(element_id, value)
        for element_id, value in DATES.items():
            self.set_value(element_id, value)
        for element_id, value in SELECTS.items():
            Select(self.driver.find_element(By.ID, element_id)).select_by_visible_text(value)
        self.submit()
        self.expect(f"{MATTER} 关于背街小巷夜间照明的批示")

        self.event("交办", expect="单据文号 西督通〔2026〕")
        self.step = "下载通知单"
        link = self.driver.find_element(By.PARTIAL_LINK_TEXT, "督查通知单-西督通")
        name = link.text
        link.click()
        target = os.path.join(self.downloads, name)
        for _ in range(100):
            if os.path.exists(target) and os.path.getsize(target) > 0:
                break
            time.sleep(0.1)
        else:
            self.fail(f"没有下载到 {name}")
        with open(target, "rb") as slip:
            if slip.read(2) != b"PK":
                self.fail(f"{name} 不是 ODF 文档")
        self.sign_out()

        self.sign_in("shichahai")
        self.step = "承办单位的台账"
        self.expect(MATTER)
        self.event("签收", {"f-签收人": "郑文博"})
        self.event("进展", {"f-开展情况": "已排查32条街巷"}, files=[pdf])
        self.expect("排查情况.pdf")
        self.event("办理报告", {"f-标题": "照明整改情况报告", "f-报告类型": "解决查处问题"})
        self.sign_out()

        self.sign_in("clerk")
        self.event("审核", {"f-结论": "退办", "f-重新报送时限": "2026-04-20"},
                   checks=["f-退办理由-2", "f-退办理由-5"], expect="单据文号 西督退〔2026〕")
        self.sign_out()

        self.sign_in("shichahai")
        self.event("办理报告", {"f-标题": "照明整改情况报告（修改稿）", "f-报告类型": "解决查处问题"})
        self.sign_out()

        self.sign_in("clerk")
        self.event("审核", {"f-结论": "通过"})
        self.event("办结")
        self.expect("已办结")
        if screenshots:
            os.makedirs(screenshots, exist_ok=True)
            self.driver.set_window_size(1280, 1400)
            self.go(f"/matters/{MATTER}")
            self.driver.save_screenshot(os.path.join(screenshots, "portal-matter.png"))
            self.go("/ledger?unit=%E4%BB%80%E5%88%B9%E6%B5%B7%E8%A1%97%E9%81%93")
            self.driver.set_window_size(1280, 900)
            self.driver.save_screenshot(os.path.join(screenshots, "portal-ledger.png"))
        self.sign_out()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--pdf", required=True)
    parser.add_argument("--downloads", required=True)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    flow = Flow(args)
    try:
        flow.run(args.pdf, args.screenshots)
    except Exception as error:  # every failure names its step
        print(f"浏览器测试失败：{flow.step}：{error}", file=sys.stderr)
        sys.exit(1)
    finally:
        flow.driver.quit()
    print("浏览器测试通过：登记、交办、下载通知单、签收、进展（附 PDF）、办理报告、退办、重新报送、审核通过、办结")


if __name__ == "__main__":
    main()
