import pytest

from bilingual.ingest.sentences import MAX_SENTENCE, MAX_TITLE, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        # closing quotes and brackets stay with the sentence they close
        (
            "他说：“要把好事办到群众心坎上！”大家都笑了。",
            ["他说：“要把好事办到群众心坎上！”", "大家都笑了。"],
        ),
        ("“好事办到心坎上……”他说。", ["“好事办到心坎上……”", "他说。"]),
        ("（本报记者采写。）下一句。", ["（本报记者采写。）", "下一句。"]),
        # …… inside a sentence does not end it
        ("买菜送饭……疫情发生以来，网格员冲在前。", ["买菜送饭……疫情发生以来，网格员冲在前。"]),
        # a lone … ends nothing, nor does …… followed by one more …
        ("等等…今天。明天。", ["等等…今天。", "明天。"]),
        ("他说…”好。下一句。", ["他说…”好。", "下一句。"]),
        ("他说………”好。下一句。", ["他说………”好。", "下一句。"]),
        ("《书名…》后来。再见。", ["《书名…》后来。", "再见。"]),
        # never inside 《》 or numbers
        (
            "发布《关于加强领导。发挥作用倡议书》，动员全州。",
            ["发布《关于加强领导。发挥作用倡议书》，动员全州。"],
        ),
        ("增长28.6万元。下降3.5%。", ["增长28.6万元。", "下降3.5%。"]),
        ("真的吗？！是的。", ["真的吗？！", "是的。"]),
        # a closing quote followed by a comma continues the sentence
        ("他喊道：“好！”，然后走了。", ["他喊道：“好！”，然后走了。"]),
        ("“为避免聚集，我们入户慰问。”郑福春说。", ["“为避免聚集，我们入户慰问。”", "郑福春说。"]),
        ("没有句号的标题", ["没有句号的标题"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_long_sentence_splits_at_semicolon_between_long_clauses() -> None:
    a = "为疫情防控责任大、工作任务重的市红十字会、交通运输、城市管理等部门紧急选配了6名综合协调能力强的干部；"
    b = "先后抽调2118名各级党组织书记参与包联服务并担任防控小组长，组织市直单位94名年轻干部投身小区开展联防联控；"
    c = "协调市发改委、市红十字会等部门，保障了防控一线的物资供应。"
    assert split_sentences(a + b + c) == [a, b, c]


def test_semicolon_inside_quotes_or_short_sentence_does_not_split() -> None:
    quoted = "坚持“哪里任务险重，哪里就有党的组织；哪里遇到困难，哪里就有共产党员”，把党旗插在每一处防疫阵地上。"
    assert split_sentences(quoted) == [quoted]
    short = "对表现突出的，及时提拔使用；对不敢担当的，严肃问责。"
    assert split_sentences(short) == [short]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # a run of clauses without a sentence end: cut after the last comma before the cap
        (
            "党员干部冲锋在一线，" * 80,
            ["党员干部冲锋在一线，" * 30] * 2 + ["党员干部冲锋在一线，" * 20],
        ),
        # no clause mark at all: cut at the cap
        ("网" * 700, ["网" * MAX_SENTENCE] * 2 + ["网" * (700 - 2 * MAX_SENTENCE)]),
        # Latin text without Chinese sentence ends: cut at a space
        ("word " * 100, ["word " * 59 + "word", "word " * 39 + "word"]),
    ],
    ids=["commas", "no-marks", "latin"],
)
def test_nothing_longer_than_the_cap(text: str, pieces: list[str]) -> None:
    out = split_sentences(text)
    assert out == pieces
    assert max(map(len, out)) <= MAX_SENTENCE


def test_an_unclosed_title_bracket_does_not_stop_splitting() -> None:
    text = "发布《关于加强领导的倡议书，动员全州。" + "第二句。" * 40
    out = split_sentences(text)
    assert "".join(out) == text
    assert len(out[0]) <= MAX_TITLE + 10 and out[1:] == ["第二句。"] * (len(out) - 1)
