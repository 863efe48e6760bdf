"""The pages in real headless Chromium, driven by Playwright, against ``thoisu serve``.

Debian's chromium is used (``playwright install`` cannot download browsers here); without it
the tests skip and say so. Screenshots of every step are kept under
``$THOISU_TEST_ARTIFACTS`` (default: the temp dir) ``/thoisu-artifacts/browser``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")

from playwright.sync_api import sync_playwright

from fixtures_web import HUE_1, KREMLIN, fill_store
from test_web import start_serve, stop
from thoisu.store import Store
from thoisu.store.tokens import create_token

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(os.environ.get("THOISU_TEST_ARTIFACTS", tempfile.gettempdir())) \
    / "thoisu-artifacts" / "browser"

if not Path(CHROMIUM).exists():
    pytest.skip("chromium is not installed (apt-get install chromium); the browser tests "
                "need it", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    tmp = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{tmp / 'tin.db'}"
    fill_store(url)
    with Store.open(url) as store:
        token = create_token(store, "trinh-duyet").secret
    proc, base = start_serve(url, tmp)
    try:
        yield base, token
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def login(page: Any, base: str, token: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=token]", token)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{base}/")
    assert page.locator("nav.account button").inner_text() == "Đăng xuất"


def test_login_search_story_and_citation(site: tuple[str, str], page: Any) -> None:
    base, token = site
    login(page, base, token)
    shot(page, "01-home-logged-in")
    page.fill("header input[name=q]", "Dien Kremlin")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Dien+Kremlin")
    assert page.locator("mark", has_text="Điện").count() >= 1
    shot(page, "02-search-dien-kremlin")
    page.click("li.hit.story a")
    page.wait_for_url("**/stories/**")
    assert "Điện Kremlin" in page.locator("h1").inner_text()
    shot(page, "03-story")
    cite = page.locator("p.summary a.cite").first
    cited = page.locator("p.summary span.sentence").first.inner_text().strip()
    href = cite.get_attribute("href")
    assert f"/articles/{KREMLIN.id}#s" in href
    cite.click()
    page.wait_for_url(f"**/articles/{KREMLIN.id}#s*")
    anchor = page.evaluate("location.hash").lstrip("#")
    target = page.locator(f"[id='{anchor}']")
    assert target.inner_text().strip() == cited
    assert page.evaluate("document.querySelector(':target').id") == anchor
    shot(page, "04-cited-sentence")


def test_page_through_home_and_filter(site: tuple[str, str], page: Any) -> None:
    base, _ = site
    page.goto(f"{base}/")
    first = page.locator("li.card h2 a").all_inner_texts()
    assert "Trang 1 / 2" in page.locator("nav.pager").inner_text()
    page.click("a[rel=next]")
    page.wait_for_url("**/?page=2")
    second = page.locator("li.card h2 a").all_inner_texts()
    assert second and not set(first) & set(second)
    shot(page, "05-home-page-2")
    page.goto(f"{base}/")
    page.select_option("select[name=outlet]", "Báo Miền Trung")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**outlet=**")
    cards = page.locator("li.card h2 a").all_inner_texts()
    assert len(cards) == 1 and "Huế" in cards[0]
    shot(page, "06-filter-outlet")


def test_upload_a_file_and_see_its_story(site: tuple[str, str], page: Any,
                                         tmp_path: Path) -> None:
    base, token = site
    login(page, base, token)
    upload = tmp_path / "cau-moi.txt"
    upload.write_text("Quảng Trị thông xe cây cầu vượt sông Thạch Hãn\n"
                      "Sáng 5/8/2024, tỉnh Quảng Trị thông xe cây cầu mới bắc qua sông "
                      "Thạch Hãn.\nCây cầu dài 600 mét, giúp người dân đi lại thuận tiện hơn.\n",
                      encoding="utf-8")
    page.goto(f"{base}/upload")
    page.set_input_files("input[type=file]", str(upload))
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("section.result", timeout=120_000)
    shot(page, "07-upload-result")
    page.click("section.result a.story")
    page.wait_for_url("**/stories/**")
    assert "Thạch Hãn" in page.locator("h1").inner_text()
    shot(page, "08-uploaded-story")


def test_story_page_fits_a_phone(site: tuple[str, str], browser: Any) -> None:
    base, _ = site
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{base}/articles/{HUE_1.id}")
        page.click(".story-link a")
        page.wait_for_url("**/stories/**")
        assert page.evaluate("document.documentElement.scrollWidth") <= 400
        shot(page, "09-story-400px")
    finally:
        context.close()


def test_the_api_docs_render_every_operation(page: Any, site: tuple[str, str]) -> None:
    # Swagger UI must read the schema the app writes (it refused OpenAPI 3.1 with "does not
    # specify a valid version field"): the rendered list of operations is what a user sees.
    base, _ = site
    page.goto(f"{base}/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    shot(page, "api-docs")
    assert page.locator(".errors-wrapper").count() == 0
    shown = {page.locator(".opblock-summary-path").nth(i).inner_text().strip()
             for i in range(page.locator(".opblock-summary-path").count())}
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/search",
            "/api/digest"} <= {p.replace("\u200b", "") for p in shown}
    assert "Unable to render" not in page.content()
