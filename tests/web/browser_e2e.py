#!/usr/bin/env python3
"""End-to-end test of the web pages in headless Chromium, driven over the DevTools protocol.

Started by run_browser_e2e.sh, which runs the server and the browser on 127.0.0.1. This script:
opens the ticket page of a kiosk-issued ticket at 390x844, watches it change when the ticket is
called, submits the SKM survey once the ticket is done, logs in as the supervisor, finds the
answer in the report, and saves screenshots of each step.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import time
import urllib.request

import websocket  # Debian's python3-websocket


class Browser:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def eval(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"script error in {expression!r}: {r['exceptionDetails']}")
        return r.get("result", {}).get("value")

    def wait_for(self, expression, what, timeout=20.0):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            try:
                last = self.eval(expression)
                if last:
                    return last
            except RuntimeError as e:  # the page may be between two documents
                last = str(e)
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what} (last value: {last!r})")

    def goto(self, url):
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete' && location.href === " + json.dumps(url),
                      "page load of " + url)

    def viewport(self, width, height, mobile):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=mobile)

    def screenshot(self, path, full_page=False):
        params = {"format": "png"}
        if full_page:
            height = self.eval("Math.ceil(document.documentElement.scrollHeight)")
            width = self.eval("document.documentElement.clientWidth")
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", **params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        print(f"screenshot: {path}")


def hallctl(args, *words):
    cmd = [args.hallctl, "--server", f"127.0.0.1:{args.request_port}", "--keys", words[0], "--json", *words[1:]]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise AssertionError(f"hallctl {' '.join(words[1:])} failed: {out.stdout} {out.stderr}")
    return out.stdout


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--devtools-port", type=int, required=True)
    p.add_argument("--http-port", type=int, required=True)
    p.add_argument("--request-port", type=int, required=True)
    p.add_argument("--hallctl", required=True)
    p.add_argument("--keys", required=True)
    p.add_argument("--service", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    base = f"http://127.0.0.1:{a.http_port}"
    shot = lambda name: os.path.join(a.out, name)

    # 1. A ticket issued as the kiosk issues it (same protocol message, the kiosk's key).
    issued = json.loads(hallctl(a, os.path.join(a.keys, "kiosk"), "issue", a.service))
    ticket = issued.get("ticket", issued)
    token, number = ticket["token"], ticket["number"]
    print(f"issued {number}")

    req = urllib.request.Request(f"http://127.0.0.1:{a.devtools_port}/json/new?about:blank", method="PUT")
    target = json.loads(urllib.request.urlopen(req, timeout=10).read())
    b = Browser(target["webSocketDebuggerUrl"])
    b.call("Page.enable")
    b.call("Runtime.enable")

    # 2. The phone page at 390x844, waiting.
    b.viewport(390, 844, True)
    b.goto(f"{base}/t/{token}")
    b.wait_for(f"document.getElementById('number').textContent === {json.dumps(number)}", "the ticket number")
    b.wait_for("document.getElementById('status').textContent.includes('Menunggu')", "the waiting state")
    assert b.eval("getComputedStyle(document.getElementById('number')).fontSize") not in ("", None)
    b.screenshot(shot("phone-1-waiting.png"))

    # 3. Called: the page changes by itself (no reload) and names the counter.
    hallctl(a, os.path.join(a.keys, "counter"), "login", "budi", "246810", "loket-1")
    hallctl(a, os.path.join(a.keys, "counter"), "call-next", "loket-1")
    b.wait_for("document.getElementById('status').textContent.includes('Loket 1')", "the called state", 15)
    assert b.eval("document.getElementById('status').className.includes('st-called')")
    b.screenshot(shot("phone-2-called.png"))

    # The English toggle, and back.
    b.eval("document.getElementById('lang').click()")
    b.wait_for("document.getElementById('l-number').textContent === 'Your queue number'", "English text")
    b.screenshot(shot("phone-3-called-english.png"))
    b.eval("document.getElementById('lang').click()")
    b.wait_for("document.getElementById('l-number').textContent === 'Nomor antrian Anda'", "Indonesian text")

    # 4. Done: the survey appears; answer it as a visitor would, by tapping.
    hallctl(a, os.path.join(a.keys, "counter"), "serve", "loket-1")
    hallctl(a, os.path.join(a.keys, "counter"), "done", "loket-1")
    b.wait_for("!document.getElementById('survey').classList.contains('hidden') && "
               "document.querySelectorAll('#questions fieldset').length === 9", "the survey form", 15)
    b.screenshot(shot("phone-4-done-survey.png"))
    # A first tap on "send" without answers marks the questions and sends nothing.
    b.eval("document.getElementById('send').click()")
    b.wait_for("!document.getElementById('s-error').classList.contains('hidden')", "the missing-answers message")
    answers = [4, 3, 4, 4, 3, 4, 4, 3, 4]
    for i, v in enumerate(answers):
        b.eval(f"document.querySelector('input[name=\"u{i}\"][value=\"{v}\"]').parentElement.click()")
    b.eval("document.getElementById('age').value = '68'")
    b.eval("document.getElementById('f-sex').value = 'p'")
    b.eval("document.getElementById('suggestion').value = 'Petugas ramah, kursi tunggu kurang.'")
    # What the phone shows while answering: the first questions, the longest labels, the end.
    b.eval("document.getElementById('q0').scrollIntoView()")
    b.screenshot(shot("phone-5a-survey-top.png"))
    b.eval("document.getElementById('q6').scrollIntoView()")
    b.screenshot(shot("phone-5b-survey-middle.png"))
    b.eval("document.getElementById('send').scrollIntoView(false)")
    b.screenshot(shot("phone-5c-survey-end.png"))
    b.eval("document.getElementById('send').click()")
    b.wait_for("!document.getElementById('thanks').classList.contains('hidden') && "
               "document.getElementById('survey').classList.contains('hidden')", "the thank-you message", 15)
    b.screenshot(shot("phone-6-thanks.png"))

    # An unknown token: a clear page.
    b.goto(f"{base}/t/{'0' * 32}")
    b.wait_for("document.body.innerText.includes('Tiket tidak ditemukan')", "the unknown-ticket page")
    b.screenshot(shot("phone-7-unknown.png"))

    # 5. The supervisor: login, live hall, report with the answer in it.
    b.viewport(1366, 900, False)
    b.goto(f"{base}/admin/login")
    b.screenshot(shot("admin-1-login.png"))
    b.eval("document.getElementById('officer').value = 'siti'")
    b.eval("document.getElementById('pin').value = '482913'")
    b.eval("document.querySelector('form').submit()")
    b.wait_for("location.pathname === '/admin/live' && document.querySelectorAll('#counters .ctr').length === 2",
               "the live hall", 15)
    b.wait_for("document.getElementById('t-done').textContent === '1'", "today's totals")
    # A second visitor waits, so the live page shows a queue and a longest wait.
    hallctl(a, os.path.join(a.keys, "kiosk"), "issue", a.service)
    b.wait_for("document.getElementById('t-waiting').textContent === '1'", "the waiting count", 15)
    b.screenshot(shot("admin-2-live.png"), full_page=True)

    date = json.loads(urllib.request.urlopen(f"{base}/api/t/{token}", timeout=10).read())["date"]
    b.goto(f"{base}/admin/report?from={date}&to={date}")
    b.wait_for("document.body.innerText.includes('Indeks Kepuasan Masyarakat')", "the report")
    ikm = 25 * sum(answers) / 9
    expected = f"{ikm:.2f}".replace(".", ",")
    text = b.eval("document.body.innerText")
    assert expected in text, f"the report does not show IKM {expected}"
    assert "Petugas ramah, kursi tunggu kurang." in text, "the suggestion is not in the report"
    assert b.eval("document.querySelectorAll('svg.chart').length") >= 3, "the report has no charts"
    b.screenshot(shot("admin-3-report.png"), full_page=True)

    csv = b.eval(f"fetch('/admin/report.csv?from={date}&to={date}').then(r => r.text())")
    hall_row = [line for line in csv.splitlines() if line.startswith("hall,")]
    assert hall_row and f",{ikm:.2f}," in hall_row[0], f"the CSV has no IKM {ikm:.2f}: {hall_row}"
    print(f"report: IKM {expected} found on the page and in the CSV")
    print("PASS")


if __name__ == "__main__":
    try:
        main()
    except (AssertionError, RuntimeError, OSError, KeyError, ValueError) as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
