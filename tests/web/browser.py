"""Headless Chromium for the page tests: Debian's ``chromium`` found on PATH, driven by pip's
playwright through ``executable_path`` (never ``playwright install``: nothing is downloaded)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from typing import Any, Iterator

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


class BrowserMissing(Exception):
    pass


def chromium_path() -> str:
    found = shutil.which("chromium")
    if not found:
        raise BrowserMissing("no `chromium` on PATH: `make test` installs it as root "
                             "(apt-get install -y chromium chromium-driver)")
    return found


@contextmanager
def launch() -> Iterator[Any]:
    """A running headless Chromium (a playwright Browser)."""
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise BrowserMissing(f"pip package playwright is missing ({exc}): run make install") from None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class PageWatch:
    """A page that records console errors, failed requests and script errors."""

    def __init__(self, browser: Any, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()
