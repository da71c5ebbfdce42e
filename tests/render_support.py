"""A small constructed edition with a fixed fake translation and a fixture glossary, shared
by the render tests (HTML, EPUB, TMX, browser). Text from the project's seed page."""

from __future__ import annotations

import difflib
import itertools
from pathlib import Path

from bilingual.document import Flag, assign_ids
from bilingual.store import EditionStore
from bilingual.terms.glossary import Entry, Glossary

NAME = "seed-mini"
SIGNATURE = "fake v1 beam=4 maxlen=256 | glossary=0000"

BLOCKS = [
    [
        ("title", "战“疫”路上，组工干部勇向前", ["战“疫”路上，组工干部勇向前"]),
        (
            "subtitle",
            "——青海省玉树州委组织部带头抗击疫情做表率",
            ["——青海省玉树州委组织部带头抗击疫情做表率"],
        ),
        ("byline", "旦正措", ["旦正措"]),
        ("dateline", "本报西宁电", ["本报西宁电"]),
        ("lead", "疫情就是命令，防控就是责任。", ["疫情就是命令，防控就是责任。"]),
        (
            "paragraph",
            "忻州市委组织部先后拨付200余万元党费支援防控一线。网格化管理深入社区。",
            ["忻州市委组织部先后拨付200余万元党费支援防控一线。", "网格化管理深入社区。"],
        ),
        ("heading", "关怀关爱在一线", ["关怀关爱在一线"]),
        ("quote", "“不忘初心、牢记使命。”", ["“不忘初心、牢记使命。”"]),
        ("attribution", "——秦书义", ["——秦书义"]),
        (
            "paragraph",
            "<script>window.pwned=1</script>西安市。",
            ["<script>window.pwned=1</script>西安市。"],
        ),
    ],
    [
        ("title", "增信心暖人心聚民心", ["增信心暖人心聚民心"]),
        ("paragraph", "党员干部冲在一线。", ["党员干部冲在一线。"]),
    ],
]

ENGLISH = {
    "战“疫”路上，组工干部勇向前": "On the road of the 'epidemic' battle, organisation cadres press forward",
    "——青海省玉树州委组织部带头抗击疫情做表率": "— The Organization Department of the Yushu Prefectural Committee leads by example",
    "旦正措": "Danzhengcuo",
    "本报西宁电": "Xining, by our correspondent",
    "疫情就是命令，防控就是责任。": "The epidemic is an order; prevention and control is a duty.",
    "忻州市委组织部先后拨付200余万元党费支援防控一线。": (
        "The Xinzhou Municipal Party Committee's Organization Department allocated over "
        "2 million yuan of Party dues to the front line of prevention and control."
    ),
    "网格化管理深入社区。": "Grid-based management reaches into the communities.",
    "关怀关爱在一线": "Care on the front line",
    "“不忘初心、牢记使命。”": "“Stay true to our founding mission.”",
    "——秦书义": "— Qin Shuyi",
    "<script>window.pwned=1</script>西安市。": "<script>window.pwned=2</script>Xi'an City.",
    "增信心暖人心聚民心": "Building confidence, warming hearts, uniting the people",
}
FLAGS = {"网格化管理深入社区。": [Flag("term-miss", "网格化管理 → grid-based <management>")]}

GLOSSARY = [
    Entry(
        "网格化管理",
        "grid-based management",
        "wǎnggéhuà guǎnlǐ",
        "governance",
        "Also 'grid management'.",
        "test",
    ),
    Entry("组织部", "Organization Department", "zǔzhībù", "party", "", "test"),
    Entry("一线", "front line", "yīxiàn", "general", "<script>window.pwned=3</script>", "test"),
    Entry(
        "不忘初心、牢记使命",
        "stay true to our founding mission",
        "bù wàng chūxīn, láojì shǐmìng",
        "slogan",
        "",
        "test",
    ),
]


def glossary() -> Glossary:
    return Glossary.from_entries(GLOSSARY)


def build_store(directory: Path) -> EditionStore:
    """The mini edition in `directory`, translated with the fixed fake English."""
    edition = assign_ids(BLOCKS, NAME)
    store = EditionStore(directory, create=True)
    store.save_edition(edition, source="seed-page.txt")
    with store.transaction():
        store.set_meta("ingested", "2020-03-01T08:00:00+00:00")
        for s in edition.sentences():
            if s.zh not in ENGLISH:
                continue  # 党员干部冲在一线。 stays untranslated on purpose
            store.update_pair(
                s.id,
                en=ENGLISH[s.zh],
                mt=ENGLISH[s.zh],
                status="approved" if s.zh == "旦正措" else "machine",
                signature=SIGNATURE,
                flags=FLAGS.get(s.zh, []),
            )
    return store


GOLDEN = Path(__file__).resolve().parent / "golden" / "render"


def check_golden(name: str, text: str, regen: bool) -> None:
    """Compare `text` with tests/golden/render/<name>; `--regen-golden` rewrites it."""
    path = GOLDEN / name
    if regen:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run pytest --regen-golden and review it"
    expected = path.read_text(encoding="utf-8")
    shown = ""
    if text != expected:  # show where, not just that: the first lines of a unified diff
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), text.splitlines(keepends=True), "golden", "now"
        )
        shown = "".join(itertools.islice(diff, 40))
    assert text == expected, (
        f"{name} differs from its golden file (review, then pytest --regen-golden):\n{shown}"
    )
