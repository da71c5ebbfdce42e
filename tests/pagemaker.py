"""Build synthetic OCR'd newspaper pages for ingest tests: column-wrapped, double-spaced."""

from __future__ import annotations

from bilingual.ingest.reflow import width as em_width

NO_LINE_START = "，、。；：！？”’）》"


def wrap(text: str, width: int, indent: int = 2) -> list[str]:
    """Wrap a paragraph at `width` em (Chinese 1, ASCII 0.5); the first line is `indent` shorter (print indent)."""
    lines, line, limit = [], "", width - indent
    for ch in text:
        if ch in NO_LINE_START and lines and not line:
            lines[-1] += ch  # kinsoku: punctuation never starts a printed line
            continue
        line += ch
        if em_width(line) >= limit:
            lines.append(line)
            line, limit = "", width
    if line:
        lines.append(line)
    return lines


def page(*parts: list[str] | str, spacing: str = "double") -> str:
    """Join printed lines into a page. A list is a tight group (no blank between its lines)."""
    out: list[str] = []
    sep = "\n\n" if spacing == "double" else "\n"
    for part in parts:
        out.append("\n".join(part) if isinstance(part, list) else part)
    return sep.join(out) + "\n"


def body(text: str, width: int) -> str:
    """A paragraph wrapped at `width`, each printed line followed by a blank line."""
    return "\n\n".join(wrap(text, width))
