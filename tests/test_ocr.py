"""Page images read by offline OCR (the `ocr` extra): the test newspaper as a PNG, a
photo-like copy of part of it (turned, blurred, unevenly lit), a scanned PDF, doubtful
lines flagged, and the one-line error without the extra.

OCR is slow on two cores: the full page is read once per run, the other cases on parts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("rapidocr_onnxruntime", reason="needs the ocr extra")

from newspaper import accuracy, photo_like
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

from bilingual.ingest import image as page_image
from bilingual.ingest import ocr
from bilingual.ingest.pages import parse_pages

CLI = [sys.executable, "-m", "bilingual"]
HEADLINE_KINDS = ("title", "subtitle", "heading", "byline", "dateline", "attribution")
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"


def _similar(a: str, b: str) -> bool:
    """The same text but for OCR errors in one character in ten (spaces aside: OCR does
    not see the space between two names)."""
    return Levenshtein.normalized_similarity(a.replace(" ", ""), b.replace(" ", "")) >= 0.9


def missing_headlines(expected, articles) -> list[tuple[str, str]]:
    """Expected titles, heads, bylines, datelines and attributions not found as that kind
    (see `_similar`)."""
    found = [(b[0], b[1]) for article in articles for b in article]
    return [
        (kind, text)
        for article in expected
        for kind, text in article
        if kind in HEADLINE_KINDS and not any(k == kind and _similar(t, text) for k, t in found)
    ]


@pytest.fixture(scope="module")
def page_read(printed: dict) -> list:
    return parse_pages(printed["png"], "image")


def test_png_character_accuracy_and_every_headline_found(printed: dict, page_read) -> None:
    expected = printed["first"]
    score = accuracy(expected, page_read)
    print(f"PNG character accuracy: {score:.4f}")
    assert score >= 0.99
    assert missing_headlines(expected, page_read) == []
    assert len(page_read) == len(expected)


def test_png_blocks_know_their_pixels(printed: dict, page_read) -> None:
    origin = page_read[0][0][3]
    assert origin.page.unit == "px" and origin.page.number == 1
    width, height = Image.open(printed["png"]).size
    assert (origin.page.width, origin.page.height) == (width, height)
    x0, top, x1, bottom = origin.box
    assert 0 <= x0 < x1 <= width / 2 and 0 <= top < bottom < height / 8


def test_photo_like_page_is_straightened_and_read(printed: dict, tmp_path: Path) -> None:
    """The second page (our own stories: a title with subtitle and byline, a section head,
    an agency dateline) photographed: turned 2.5°, blurred, unevenly lit."""
    expected = printed["second"]
    path = tmp_path / "photo.jpg"
    photo_like(Image.open(printed["pngs"][1]), 2.5).save(path, quality=85)
    gray = page_image.flatten(np.asarray(Image.open(path).convert("L")))
    assert abs(page_image.skew(gray) - (-2.5)) < 0.3
    articles = parse_pages(path, "image")
    score = accuracy(expected, articles)
    print(f"photo-like character accuracy: {score:.4f}")
    assert score >= 0.97
    assert missing_headlines(expected, articles) == []


@pytest.mark.parametrize("angle", [-4.5, -1.5, 3.0])
def test_skew_is_found_within_five_degrees(angle: float) -> None:
    image = Image.new("L", (900, 700), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 24)
    for row in range(18):
        draw.text(
            (40, 20 + row * 36),
            "疫情防控进入关键阶段，组织部冲锋一线积极履职" * 1,
            font=font,
            fill=0,
        )
    turned = np.asarray(image.rotate(angle, resample=Image.BICUBIC, fillcolor=255))
    assert abs(page_image.skew(turned) + angle) < 0.2


@pytest.mark.parametrize("angle", [3.0, -4.0])
def test_boxes_found_in_the_straightened_page_map_back_to_the_photo(angle: float) -> None:
    page = np.full((400, 600), 255, np.uint8)
    page[95:106, 445:456] = 0  # a dot at (450, 100) on the page as photographed
    straight = page_image.rotate(page, angle)
    ys, xs = np.nonzero(straight < 128)
    x0, y0, x1, y1 = page_image.unrotate(angle, straight.shape)(
        (xs.min(), ys.min(), xs.max(), ys.max())
    )
    assert abs((x0 + x1) / 2 - 450) < 2 and abs((y0 + y1) / 2 - 100) < 2


def test_a_line_across_a_gutter_is_cut_there_but_not_after_a_comma() -> None:
    ink = np.zeros((200, 400), dtype=bool)
    for top in (20, 60, 100, 140):  # four lines of two columns, 30 px gutter at 190..220
        ink[top : top + 20, 10:190] = True
        ink[top : top + 20, 220:390] = True
    ink[100:120, 120:135] = False  # a wide space after a comma in one line, text above/below
    parts = ocr.split_at_gutters((10, 100, 390, 120), ink)
    assert [(round(a), round(b)) for a, _, b, _ in parts] == [(8, 192), (218, 392)]


def test_a_two_em_dash_read_as_one_is_put_back() -> None:
    ink = np.zeros((30, 300), dtype=bool)
    ink[2:28, 0:28] = True  # a character
    ink[14:17, 30:80] = True  # a 2-em dash: thin, at mid-height, 50 px long
    ink[2:28, 82:110] = True
    ink[14:17, 200:225] = True  # the character 一: as thin, but one em
    assert ocr.fix_dashes("村一村一", ink) == "村——村一"


def _lines_image(texts: list[str], smear: int | None = None) -> Image.Image:
    image = Image.new("L", (1100, 70 * len(texts) + 40), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 30)
    for i, text in enumerate(texts):
        draw.text((40, 30 + 70 * i), text, font=font, fill=0)
    if smear is not None:  # that line photographed through a smudge
        box = (30, 20 + 70 * smear, 1080, 80 + 70 * smear)
        part = image.crop(box).filter(ImageFilter.GaussianBlur(2.2))
        rng = np.random.default_rng(7)
        noisy = np.asarray(part, dtype=np.int16) + rng.integers(-60, 60, (part.height, part.width))
        image.paste(Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)), box[:2])
    return image


DOUBT_LINES = [
    "城乡居民医保财政补助标准再提高",
    "国家医保局、财政部日前联合发布通知，城乡居民医保",
    "人均财政补助标准新增三十元，达到每人每年不低于五百",
    "八十元。通知要求，各地要做好基本医疗保障工作。",
]


def test_doubtful_lines_are_flagged_for_the_reviewer(tmp_path: Path) -> None:
    path = tmp_path / "smudged.png"
    _lines_image(DOUBT_LINES, smear=2).save(path)
    edition = tmp_path / "ed"
    result = subprocess.run(
        [*CLI, "ingest", str(path), "-e", str(edition)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    listed = subprocess.run(
        [*CLI, "review", "list", "-e", str(edition), "--filter", "flagged", "--json"],
        capture_output=True,
        text=True,
    )
    flagged = json.loads(listed.stdout)
    assert flagged and all(any(f["code"] == "ocr-uncertain" for f in p["flags"]) for p in flagged)
    assert all(p["source"]["file"] == str(path) for p in flagged)
    # the clean lines are not flagged
    everything = json.loads(
        subprocess.run(
            [*CLI, "review", "list", "-e", str(edition), "--filter", "all", "--json"],
            capture_output=True,
            text=True,
        ).stdout
    )
    assert len(flagged) < len(everything)


def test_a_scanned_pdf_is_read_by_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    _lines_image(DOUBT_LINES).save(path, resolution=150)
    (article,) = parse_pages(path, "pdf")
    text = "".join(block[1] for block in article)
    assert Levenshtein.normalized_similarity(text, "".join(DOUBT_LINES)) > 0.95
    origin = article[0][3]
    assert origin.page.unit == "pt" and origin.box[2] <= origin.page.width


def test_without_the_ocr_extra_an_image_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "page.png"
    _lines_image(DOUBT_LINES[:1]).save(path)
    code = (
        "import sys; sys.modules['rapidocr_onnxruntime'] = None; "
        f"sys.argv = ['bilingual', 'ingest', {str(path)!r}, '-e', {str(tmp_path / 'ed')!r}]; "
        "from bilingual.cli import main; main()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == (
        f"Error: Reading {path} needs OCR, which is not installed. "
        "Install the OCR extra: `uv sync --extra ocr` (or `pip install 'bilingual[ocr]'`).\n"
    )
    assert not (tmp_path / "ed").exists()
