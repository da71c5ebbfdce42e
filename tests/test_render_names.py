"""Person names in bylines, datelines and attributions render with their GB/T 28039 form."""

from __future__ import annotations

from pathlib import Path

from bilingual.document import assign_ids
from bilingual.render.view import build_view
from bilingual.store import EditionStore


def test_names_carry_their_romanisation(tmp_path: Path) -> None:
    edition = assign_ids(
        [
            [
                ("title", "标题", ["标题"]),
                ("byline", "本报记者 王晓东", ["本报记者 王晓东"]),
                ("dateline", "本报讯（葛新爱 王飞）", ["本报讯（葛新爱 王飞）"]),
                ("dateline", "本报西宁电", ["本报西宁电"]),
                ("attribution", "——市文明办副主任 康志友", ["——市文明办副主任 康志友"]),
            ]
        ],
        "names",
    )
    with EditionStore(tmp_path / "ed", create=True) as store:
        store.save_edition(edition)
        view = build_view(store, glossary=None)
    readings = {
        piece.text: piece.pinyin
        for block in view.articles[0].blocks
        for s in block.sentences
        for piece in s.zh_pieces
        if piece.term is not None
    }
    assert readings == {
        "王晓东": "Wang Xiaodong",
        "葛新爱": "Ge Xin'ai",
        "王飞": "Wang Fei",
        "康志友": "Kang Zhiyou",
    }
