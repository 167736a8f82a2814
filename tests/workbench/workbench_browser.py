"""Driving the workbench in a real browser: Debian's headless Chromium through Selenium.

The workbench is started as a real process (``segrules workbench``) on a free loopback port;
the browser is /usr/bin/chromium with /usr/bin/chromedriver, given explicitly, so Selenium
never looks for or downloads a browser. Without them (``make chromium`` installs them) or
without selenium (the ``test`` extra) the browser tests skip and say why.

``SEGRULES_SCREENSHOTS=1`` makes the tests write their screenshots into docs/fi/images/ (the
model owner's guide shows them); a normal run writes nothing into the tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = ROOT / "docs" / "fi" / "images"
WIDTH, HEIGHT = 1920, 1080


def skip_reason() -> str | None:
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        return (f"the browser tests need Debian's chromium and chromium-driver ({CHROMIUM}, {CHROMEDRIVER}); "
                "`make chromium` installs them as root")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the browser tests need selenium (the test extra: pip install -e '.[test]')"
    return None


class Server:
    """``segrules workbench FILE`` as a child process; ``url`` holds its token."""

    def __init__(self, path: Path, *args: str):
        # started in the folder above the file's, with the path as a model owner types it, so
        # the page (and its screenshots) show "oma-alue/suuntima.yaml", not a temporary folder
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "segrules", "workbench", f"{path.parent.name}/{path.name}", "--port", "0", *args],
            cwd=path.parent.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.url = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            if "/?token=" in line:  # "open URL" in English; the line is in the run's language
                self.url = line.rsplit(" ", 1)[1].strip()
                break
        if self.url is None:
            self.stop()
            raise RuntimeError(f"the workbench did not start: {self.proc.stderr.read()}")
        self.base, _, self.token = self.url.partition("/?token=")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def start_browser():
    """A headless Chromium session driven by Debian's chromedriver, never a downloaded one."""
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager: look for nothing, download nothing
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={WIDTH},{HEIGHT}", "--lang=fi-FI", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


class Page:
    """The workbench page in the browser, with the few moves the tests make."""

    def __init__(self, driver, server: Server):
        self.driver = driver
        self.server = server

    def open(self, timeout: float = 30) -> "Page":
        self.driver.get(self.server.url)
        self.wait_idle(timeout)
        return self

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def wait(self, condition, timeout: float = 30, what: str = "the page"):
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(
            lambda d: condition(), message=f"timed out waiting for {what}")

    def wait_idle(self, timeout: float = 30) -> None:
        """Until the page has analysed the text now in the editor and tried the answers."""
        self.wait(lambda: self.js("return document.body.dataset.state") == "idle", timeout, "the analysis")

    @property
    def text(self) -> str:
        return self.js("return document.getElementById('source').value")

    def type_over(self, old: str, new: str, within: str | None = None) -> None:
        """Select ``old`` in the editor (the first one in the text ``within``, if given) and
        type ``new`` over it, key by key."""
        from selenium.webdriver.common.action_chains import ActionChains

        text = self.text
        at = text.index(within) if within is not None else 0
        start = text.index(old, at)
        self.js("const s = document.getElementById('source'); s.focus(); s.setSelectionRange(arguments[0], arguments[1]);",
                start, start + len(old))
        ActionChains(self.driver).send_keys(new).perform()
        self.wait_idle()

    def line_of(self, needle: str) -> int:
        return self.text[: self.text.index(needle)].count("\n") + 1

    def scroll_to_line(self, line: int) -> None:
        """Scroll the editor so that ``line`` is near the top, as clicking a problem does."""
        self.js("const s = document.getElementById('source'); s.scrollTop = (arguments[0] - 8) * 20;"
                "s.dispatchEvent(new Event('scroll'));", line)

    def select(self, input_id: str, value_json: str) -> None:
        from selenium.webdriver.support.ui import Select

        Select(self.driver.find_element("id", "in-" + input_id)).select_by_value(value_json)
        self.wait_idle()

    def screenshot(self, name: str) -> None:
        """docs/fi/images/NAME.png when SEGRULES_SCREENSHOTS=1; nothing otherwise."""
        if os.environ.get("SEGRULES_SCREENSHOTS") != "1":
            return
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def copy_model(tmp: Path, model: str = "rulesets/helsinki/suuntima.yaml", name: str = "suuntima.yaml") -> Path:
    """A copy of a shipped model as ``tmp/oma-alue/NAME``."""
    (tmp / "oma-alue").mkdir()
    path = tmp / "oma-alue" / name
    shutil.copyfile(ROOT / model, path)
    return path
