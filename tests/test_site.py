"""The documentation site, opened in a real browser.

The site is built with ``mkdocs build --strict``, served on 127.0.0.1 only, and opened in
headless Chromium (Debian's ``chromium`` package, driven through Playwright's DevTools client;
no browser is downloaded). The home page, a scheme page and the API reference must load without
a console error and without a request to any other host (the site works offline), and show their
main content; the search must find Cyrillic words and Latin letters with marks.

Skipped, with the reason, where the docs extra (``pip install -e '.[docs]'``) or Chromium
(``apt-get install chromium``) is missing; ``.ci/run`` installs both. Set
``TRANSLIT_SCREENSHOTS=<dir>`` to keep a screenshot of every page the test opens.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_NAMES = ["chromium", "chromium-browser"]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


MISSING = [
    name for name in ["mkdocs", "material", "mkdocstrings_handlers", "playwright"]
    if importlib.util.find_spec(name) is None
]  # fmt: skip
pytestmark = [
    pytest.mark.skipif(
        bool(MISSING), reason=f"the site test needs the docs extra (pip install -e '.[docs]'): "
        f"no {', '.join(MISSING)}",
    ),
    pytest.mark.skipif(
        chromium() is None,
        reason="the site test needs Chromium: apt-get install chromium (.ci/run installs it)",
    ),
]  # fmt: skip


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site, served on 127.0.0.1; yields its base URL."""
    directory = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(directory)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Browser:
    """One Chromium with a fresh profile; records console errors and every request."""

    def __init__(self, context: Any, base: str) -> None:
        self.context = context
        self.base = base
        self.page = context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        self.page.wait_for_load_state("networkidle")
        self.screenshot(path.strip("/").replace("/", "-") or "home")
        return self.page

    def screenshot(self, name: str) -> None:
        folder = os.environ.get("TRANSLIT_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(folder) / f"{name}.png"))

    def search(self, query: str) -> list[str]:
        """Type ``query`` into the site's search; the paths of the pages it lists."""
        page = self.page
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("")
        # Keys outside a US keyboard arrive as inserted text with no key events; a real
        # keyboard sends both, so press a key after typing, as a person's last key would.
        page.keyboard.type(query)
        page.keyboard.press("End")
        page.wait_for_function(
            "() => document.querySelector('.md-search-result__meta')"
            ".textContent.match(/matching|No matching/)",
            timeout=15_000,
        )
        self.screenshot("search-" + "-".join(f"{ord(char):04x}" for char in query))
        # The theme shows ten pages at first and more as the list is scrolled: scroll to all.
        page.wait_for_timeout(500)  # the search runs again on the last key; let it settle
        meta = page.locator(".md-search-result__meta").inner_text()
        wanted = int(meta.split()[0]) if meta.split()[0].isdigit() else 0
        items = page.locator(".md-search-result__item")
        shown, still = items.count(), 0
        while shown < wanted and still < 5:
            scroll = page.locator(".md-search__scrollwrap")
            scroll.evaluate("element => element.scrollTo(0, element.scrollHeight)")
            page.wait_for_timeout(200)
            shown, before = items.count(), shown
            still = still + 1 if shown == before else 0
        links = page.locator(".md-search-result__item > a")
        paths = []
        for index in range(links.count()):
            href = links.nth(index).get_attribute("href") or ""
            path = href.removeprefix(self.base).split("?")[0].split("#")[0]
            if path not in paths:
                paths.append(path)
        return paths


@pytest.fixture(scope="module")
def browser(site: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=chromium(),
            args=FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield Browser(context, site)
        finally:
            context.close()


@pytest.fixture
def clean(browser: Browser) -> Iterator[Browser]:
    """The browser, checked after the test for console errors and requests to other hosts."""
    browser.errors.clear()
    browser.requests.clear()
    yield browser
    assert browser.errors == []
    elsewhere = [url for url in browser.requests if not url.startswith(browser.base)]
    assert elsewhere == [], "the site must work offline"


def test_home_page(clean: Browser) -> None:
    page = clean.open("")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "translit"
    text = page.locator("article").inner_text()
    assert "pip install translit-central-asia" in text
    assert "Qazaqstan Respublikasy" in text
    # Code is highlighted by the theme's own stylesheet: Pygments classes, no script needed.
    assert page.locator(".highlight .gp, .highlight .s1, .highlight .nb").count() > 0


def test_scheme_page(clean: Browser) -> None:
    page = clean.open("schemes/ru-iso-9/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "ru-iso-9"
    article = page.locator("article")
    assert "ISO 9:1995" in article.inner_text()
    letters = page.locator("h2#letters ~ * table").first
    assert "U+015D" in letters.inner_text()  # ŝ, the ISO 9 letter for щ
    assert page.locator("#samples").count() == 1


def test_comparison_page(clean: Browser) -> None:
    page = clean.open("compare/kk/")
    text = page.locator("article").inner_text()
    assert "Qazaqstan" in text and "Ķazaķstan" in text  # kk-latn-2021 and kk-iso-9


def test_api_reference(clean: Browser) -> None:
    page = clean.open("reference/")
    headings = page.locator("article h2").all_inner_texts()
    for name in ["translit.transliterate", "translit.get", "translit.load", "translit.schemes"]:
        assert any(name in heading for heading in headings), (name, headings)
    text = page.locator("article").inner_text()
    assert "explain" in text and "UnknownSchemeError" in text
    # Docstring examples are shown as code, not as nested quotes.
    assert page.locator("article blockquote").count() == 0


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("Щука", "compare/ru/"),
        ("Қазақстан", "compare/kk/"),
        ("Щербакова", "schemes/ru-icao/"),
        ("ş", "schemes/kk-latn-2021/"),
        ("ñ", "schemes/kk-latn-2021/"),
        ("Oʻzbekiston", "schemes/uz-latn/"),
    ],
)
def test_search_finds_words_in_any_script(clean: Browser, query: str, page: str) -> None:
    clean.open("")
    assert page in clean.search(query)
