#!/usr/bin/env python3
"""Loads an HTML report in headless Chromium over the DevTools protocol and checks it.

Fails (exit 1) on any console error, uncaught exception, log error (e.g. a CSP violation) or
network request other than the page itself, or when the in-page checks (page_checks.js: sorting,
filtering, chart accessibility, the CSP) fail. Optionally saves a PNG screenshot of the page as
loaded. Standard library only. Exit codes: 0 passed, 1 check failed, 2 usage/browser error,
3 Chromium not found.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from websocket_client import WebSocket, WebSocketClosed  # noqa: E402

BROWSER_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]


class CheckError(Exception):
    """The browser could not be driven (exit 2)."""


def find_browser():
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if shutil.which(explicit) or os.path.isfile(explicit) else None
    for name in BROWSER_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


class DevTools:
    """One DevTools connection: commands with ids, events collected in order."""

    def __init__(self, url):
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events = []

    def _handle(self, message):
        if "method" in message:
            self.events.append(message)

    def call(self, method, params=None, session=None, timeout=30.0):
        self.next_id += 1
        command = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        self.ws.send_text(json.dumps(command))
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CheckError(f"no answer to {method} within {timeout:.0f} s")
            self.ws.settimeout(remaining)
            message = json.loads(self.ws.receive_text())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise CheckError(f"{method} failed: {message['error'].get('message')}")
                return message.get("result", {})
            self._handle(message)

    def wait_for(self, method, timeout):
        """Waits for event `method`; returns it (or None on timeout). Earlier events stay collected."""
        for event in self.events:
            if event["method"] == method:
                return event
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                message = json.loads(self.ws.receive_text())
            except (TimeoutError, OSError):
                break
            self._handle(message)
            if message.get("method") == method:
                return message
        return None

    def drain(self, seconds):
        """Collects the events that arrive within `seconds`."""
        self.wait_for("costreport.never", seconds)


def launch(browser, profile, width, height):
    arguments = [
        browser, "--headless=new", "--remote-debugging-port=0", f"--user-data-dir={profile}",
        "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--mute-audio", "--hide-scrollbars", f"--window-size={width},{height}",
        "about:blank",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        arguments.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    port_file = Path(profile) / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode(errors="replace")[-2000:]
            raise CheckError(f"{browser} exited with status {process.returncode}:\n{error}")
        if port_file.exists():
            lines = port_file.read_text().split("\n")
            if len(lines) >= 2 and lines[0].strip() and lines[1].strip():
                return process, f"ws://127.0.0.1:{lines[0].strip()}{lines[1].strip()}"
        time.sleep(0.05)
    process.kill()
    raise CheckError(f"{browser} did not open its DevTools port within 30 s")


def describe_console(event):
    params = event["params"]
    texts = []
    for argument in params.get("args", []):
        texts.append(str(argument.get("value", argument.get("description", argument.get("type")))))
    return " ".join(texts)


def problems_in(events, page_url):
    """Console errors, exceptions, log errors and network requests found in `events`."""
    problems = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append(f"console.{params['type']}: {describe_console(event)}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text")
            problems.append(f"uncaught exception: {text} (line {details.get('lineNumber')})")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            problems.append(f"browser log error ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}".rstrip())
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if url != page_url and not url.startswith("data:"):
                problems.append(f"network request: {url}")
    return problems


def run(arguments):
    page = Path(arguments.page).resolve()
    if not page.is_file():
        print(f"browser-check: no such file: {arguments.page}", file=sys.stderr)
        return 2
    browser = find_browser()
    if browser is None:
        print("browser-check: Chromium not found (install Debian's `chromium` or set CHROMIUM)", file=sys.stderr)
        return 3
    checks_source = (Path(__file__).resolve().parent / "page_checks.js").read_text()
    page_url = page.as_uri()
    profile = tempfile.mkdtemp(prefix="browser-check-")
    process = None
    devtools = None
    try:
        process, endpoint = launch(browser, profile, arguments.width, arguments.height)
        devtools = DevTools(endpoint)
        target = devtools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = devtools.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            devtools.call(f"{domain}.enable", session=session)
        devtools.call("Emulation.setDeviceMetricsOverride", {
            "width": arguments.width, "height": arguments.height, "deviceScaleFactor": 1, "mobile": False,
        }, session=session)
        devtools.events.clear()

        started = time.monotonic()
        navigation = devtools.call("Page.navigate", {"url": page_url}, session=session)
        if navigation.get("errorText"):
            raise CheckError(f"navigation failed: {navigation['errorText']}")
        load = devtools.wait_for("Page.loadEventFired", arguments.timeout)
        if load is None:
            raise CheckError(f"the page did not finish loading within {arguments.timeout:.0f} s")
        load_ms = (time.monotonic() - started) * 1000
        timing = devtools.call("Runtime.evaluate", {
            "expression": "JSON.stringify((function(){var n=performance.getEntriesByType('navigation')[0];"
                          "return n?{domContentLoaded:n.domContentLoadedEventEnd,load:n.loadEventEnd}:{}})())",
            "returnByValue": True,
        }, session=session)
        page_timing = json.loads(timing.get("result", {}).get("value") or "{}")

        if arguments.screenshot:
            params = {"format": "png"}
            if arguments.clip:
                x, y, width, height = (float(part) for part in arguments.clip.split(","))
                params.update({
                    "captureBeyondViewport": True,
                    "clip": {"x": x, "y": y, "width": width, "height": height, "scale": 1},
                })
            elif arguments.full_page:
                metrics = devtools.call("Page.getLayoutMetrics", session=session)
                size = metrics.get("cssContentSize") or metrics.get("contentSize")
                params.update({
                    "captureBeyondViewport": True,
                    "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 16000), "scale": 1},
                })
            shot = devtools.call("Page.captureScreenshot", params, session=session, timeout=arguments.timeout)
            Path(arguments.screenshot).write_bytes(base64.b64decode(shot["data"]))

        evaluation = devtools.call("Runtime.evaluate", {
            "expression": checks_source, "awaitPromise": True, "returnByValue": True,
        }, session=session, timeout=arguments.timeout)
        if "exceptionDetails" in evaluation:
            details = evaluation["exceptionDetails"]
            raise CheckError(f"the page checks threw: {details.get('exception', {}).get('description') or details.get('text')}")
        outcome = evaluation.get("result", {}).get("value") or {}
        devtools.drain(0.3)

        failures = problems_in(devtools.events, page_url) + outcome.get("failures", [])
        info = outcome.get("info", {})
        summary = {
            "page": str(page),
            "bytes": page.stat().st_size,
            "loadMs": round(load_ms),
            "domContentLoadedMs": round(page_timing.get("domContentLoaded", 0)),
            "loadEventMs": round(page_timing.get("load", 0)),
            **info,
        }
        print("browser-check: " + json.dumps(summary, sort_keys=True))
        if failures:
            for failure in failures:
                print(f"browser-check: FAIL {failure}", file=sys.stderr)
            return 1
        print(f"browser-check: OK ({len(devtools.events)} DevTools events, no errors, no network requests)")
        return 0
    except (CheckError, WebSocketClosed, OSError) as error:
        print(f"browser-check: ERROR {error}", file=sys.stderr)
        return 2
    finally:
        if devtools is not None:
            try:
                devtools.call("Browser.close", timeout=5)
            except (CheckError, WebSocketClosed, OSError, ValueError):
                pass
            devtools.ws.close()
        if process is not None:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(prog="browser-check", description=__doc__.split("\n\n")[0])
    parser.add_argument("page", help="the HTML file to load")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a PNG screenshot of the loaded page")
    parser.add_argument("--full-page", action="store_true", help="screenshot the whole page (up to 16,000 px), not the viewport")
    parser.add_argument("--clip", metavar="X,Y,W,H", help="screenshot only this rectangle of the page (CSS px)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for load and checks (default 60)")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS px (default 1280)")
    parser.add_argument("--height", type=int, default=900, help="viewport height in CSS px (default 900)")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
