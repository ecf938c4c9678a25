"""The page in a real browser: headless Chromium (Debian's ``chromium`` package) renders the
sample; Chinese text is drawn with a CJK face of the page's font stack (not boxes), and a
highlighted quantity shows its colour. The screenshot is kept for CI to show
(``$GOVREPORT_ARTIFACTS``, default ``build/artifacts``).

Skips, saying why, where there is no Chromium or no Playwright to drive it.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from govreport_html import COLOURS, FONTS, HtmlExporter

import govreport
from govreport.testing.contracts import sample_text

CHROMIUM = os.environ.get("GOVREPORT_CHROMIUM") or shutil.which("chromium")
ARTIFACTS = Path(os.environ.get("GOVREPORT_ARTIFACTS", "build/artifacts"))

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium: install Debian's chromium and fonts-noto-cjk (.ci/run does where apt "
    "exists) or set GOVREPORT_CHROMIUM",
)

# As the workplace's probe starts it: no sandbox as root, no GPU, and no background networking
# (the network is closed; Chromium's own connections would be refused, many at a time).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright drives Chromium")
    pytest.importorskip("PIL", reason="Pillow reads the screenshot")
    page_file = tmp_path_factory.mktemp("page") / "sample.html"
    report = govreport.parse(sample_text(), source="water-bureau-2023.txt")
    page_file.write_text(HtmlExporter().export(report), encoding="utf-8")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_file.as_uri())
            cdp = page.context.new_cdp_session(page)
            cdp.send("DOM.enable")
            cdp.send("CSS.enable")
            root = cdp.send("DOM.getDocument")["root"]["nodeId"]
            text = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#text"})
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": text["nodeId"]})["fonts"]
            mark = page.locator("mark.m-quantity:not(#legend *)").first
            box = mark.bounding_box()
            screenshot = page.screenshot()
            mark_shot = mark.screenshot()
        finally:
            browser.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "html-view.png").write_bytes(screenshot)
    return {"fonts": fonts, "box": box, "mark": mark_shot}


def test_chinese_text_is_drawn_with_a_cjk_face_of_the_stack(rendered: dict[str, object]) -> None:
    stack = {name.strip().strip('"') for name in FONTS.split(",")}
    fonts = rendered["fonts"]
    assert isinstance(fonts, list)
    glyphs = sum(font["glyphCount"] for font in fonts)
    in_stack = sum(font["glyphCount"] for font in fonts if font["familyName"] in stack)
    # Nearly every glyph of the text (it is Chinese) comes from a CJK face the page asks for;
    # a machine without one draws them with a fallback's empty boxes.
    assert glyphs > 1000 and in_stack / glyphs > 0.95, fonts
    assert not any(font["isCustomFont"] for font in fonts), "no web font is fetched"


def test_a_highlighted_quantity_shows_its_colour(rendered: dict[str, object]) -> None:
    from PIL import Image  # noqa: PLC0415 - only where the browser test runs

    box = rendered["box"]
    assert isinstance(box, dict) and box["width"] > 0 and box["height"] > 0
    image = Image.open(io.BytesIO(rendered["mark"])).convert("RGB")  # type: ignore[arg-type]
    want = _hex(COLOURS["quantity"])
    raw = image.tobytes()
    pixels = [raw[i : i + 3] for i in range(0, len(raw), 3)]
    near = sum(
        1 for pixel in pixels if max(abs(a - b) for a, b in zip(pixel, want, strict=True)) < 24
    )
    assert near / len(pixels) > 0.3, "the quantity's highlight is not visible"
