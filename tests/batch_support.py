"""A run of generated newspaper pages for the batch tests: each page prints a masthead date,
two paragraphs every page shares (so the run has duplicates across editions) and one of
its own."""

from __future__ import annotations

from pathlib import Path

from pagemaker import body, page

from bilingual.store import EditionStore

SHARED = [
    "在疫情防控中，某县充分发挥各级党组织的战斗堡垒作用，扎实推动各项防控措施落实落细。",
    "据了解，该县近年来大力推广基层党建“网格化”管理机制，切实让基层党组织有人真抓事。",
]
OWN = [
    "目前，该县已建立一级党建管理网格{n}个，覆盖全县所有村和社区。",
    "第{n}期培训班今天开班，来自各乡镇的学员参加了学习。",
]


def write_pages(folder: Path, days: int = 3, per_day: int = 1, width: int = 16) -> list[Path]:
    """`days` × `per_day` pages named by date (2024-03-0D-pN.txt); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for day in range(1, days + 1):
        for number in range(1, per_day + 1):
            n = 10 * day + number
            text = page(
                f"人民日报　2024年3月{day}日　星期二",
                ["某县推进基层治理", "助力打赢疫情防控阻击战"],
                body("本报讯（闽文）" + SHARED[0], width),
                body(SHARED[1], width),
                body(OWN[n % 2].format(n=n), width),
            )
            path = folder / f"2024-03-0{day}-p{number}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return paths


def pairs_of(directory: Path) -> list:
    with EditionStore(directory) as store:
        return store.pairs()
