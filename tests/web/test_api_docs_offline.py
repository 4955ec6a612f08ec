"""The API docs at a velodrome without internet: Swagger UI comes from the app itself, so
/docs draws every operation with every request to another host refused."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, Route, expect
from test_browser import DESKTOP, MOBILE
from web_support import LiveServer


def test_the_api_docs_draw_with_no_network_beyond_the_app(
    live: LiveServer, browser: Browser, screenshots: Path
) -> None:
    elsewhere: list[str] = []
    own = urlparse(live.url).netloc

    def offline(route: Route) -> None:
        if urlparse(route.request.url).netloc == own:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort("internetdisconnected")

    for size, viewport in (("1366", DESKTOP), ("390", MOBILE)):
        context = browser.new_context(viewport=viewport)
        context.route("**/*", offline)
        page = context.new_page()
        page.goto(f"{live.url}/docs")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("pursuit")
        expect(page.locator(".opblock").first).to_be_visible()
        assert page.locator(".opblock").count() > 10
        page.screenshot(path=screenshots / f"api-docs-{size}.png")
        context.close()
    assert elsewhere == []


def test_only_the_two_swagger_files_are_served(live: LiveServer) -> None:
    import httpx

    script = httpx.get(f"{live.url}/docs/assets/swagger-ui-bundle.js", timeout=10)
    assert script.status_code == 200 and "SwaggerUIBundle" in script.text[:2000]
    assert script.headers["content-type"].startswith("text/javascript")
    assert httpx.get(f"{live.url}/docs/assets/swagger-ui.css", timeout=10).status_code == 200
    for name in ("LICENSE", "..%2F__init__.py", "swagger-editor.js"):
        assert httpx.get(f"{live.url}/docs/assets/{name}", timeout=10).status_code == 404
