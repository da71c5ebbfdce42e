"""Structure and reflow on constructed pages: the seed's traps at other widths and layouts."""

import re

import pytest
from pagemaker import body, page, wrap

from bilingual.ingest import parse_text

P1 = "在疫情防控中，某县充分发挥各级党组织的战斗堡垒作用和广大党员志愿者的先锋模范作用，扎实推动各项防控措施落实落细。"
P2 = "目前，该县已建立一级党建管理网格17个、二级网格290个，覆盖全县所有村和社区，做到了全方位、无遗漏。"
P3 = "据了解，该县近年来大力推广基层党建“网格化”管理机制，倾力打造“党建+”体系，切实让基层党组织有人真抓事、有人能干事。"


def kinds(articles):
    return [[k for k, _ in a] for a in articles]


@pytest.mark.parametrize("width", [10, 13, 16, 22])
def test_three_line_title_dateline_and_paragraphs_at_any_width(width: int) -> None:
    text = page(
        ["福建省泉州市鲤城区", "推进移风易俗", "助力打赢疫情防控阻击战"],
        body("本报讯（闽文）" + P1, width),
        body(P2, width),
        body(P3, width),
    )
    (article,) = parse_text(text)
    assert article[0] == ("title", "福建省泉州市鲤城区推进移风易俗助力打赢疫情防控阻击战")
    assert article[1] == ("dateline", "本报讯（闽文）")
    assert article[2:] == [("paragraph", P1), ("paragraph", P2), ("paragraph", P3)]


@pytest.mark.parametrize("width", [16, 18, 20])
def test_title_subtitle_byline_and_two_line_heading(width: int) -> None:
    text = page(
        ["增信心暖人心聚民心", "——山西省忻州市将“四个一”暖心服务落实到防疫一线", "思瑜"],
        ["关怀关爱在一线 让“流血", "流汗者”觉暖心"],
        body(P1, width),
        "战“疫”一线闪耀信仰之光",
        body(P2, width),
    )
    (article,) = parse_text(text)
    assert article == [
        ("title", "增信心暖人心聚民心"),
        ("subtitle", "——山西省忻州市将“四个一”暖心服务落实到防疫一线"),
        ("byline", "思瑜"),
        ("heading", "关怀关爱在一线 让“流血流汗者”觉暖心"),
        ("paragraph", P1),
        ("heading", "战“疫”一线闪耀信仰之光"),
        ("paragraph", P2),
    ]


def test_numbers_split_over_lines_rejoin_and_justification_spaces_go() -> None:
    text = page(
        "市委组织部慰问因公牺牲干警家属",
        "本报讯（记者 张三）",
        "党员、干部、群众代表手中。2 月 13",
        "日，市委组织部专赴抗“疫”一线慰",
        "问。已建立二级网格 290",
        "个 、三 级 网 格 846 个 、四 级 网 格",
        "1871个和末梢网格6737个。",
    )
    (article,) = parse_text(text)
    assert article[1] == ("dateline", "本报讯（记者 张三）")
    assert article[2] == (
        "paragraph",
        "党员、干部、群众代表手中。2月13日，市委组织部专赴抗“疫”一线慰问。"
        "已建立二级网格290个、三级网格846个、四级网格1871个和末梢网格6737个。",
    )


def test_pull_quote_with_attribution_over_two_lines_and_dash_inside_sentence() -> None:
    quote = (
        "疫情防控带来的勤洗手、戴口罩、吃熟食、拒野味等健康文明的生活习惯，倒逼人们增强健康理念。"
    )
    dash = "蒙城县岳坊镇党委书记介绍说，全镇上下一致按照“镇党委——村党组织——党员”的包保网格，全镇党员包保群众，做到全方位、无遗漏。"
    text = page(
        "安徽蒙城：9761个党建网格疫情防控全覆盖全覆盖全覆盖",
        body(P1, 14),
        "蒙城县岳坊镇党委书记介绍",
        "说，全镇上下一致按照“镇党委",
        "——村党组织——党员”的包保网",
        "格，全镇党员包保群众，做到全方",
        "位、无遗漏。",
        body(quote, 14),
        "——杭州市委宣传部部务会",
        "议成员、市文明办副主任 康志友",
        ["江苏盐城：", "“小网格”发挥抗“疫”大作用"],
        body("本报讯（盐文）" + P3, 14),
    )
    articles = parse_text(text)
    assert kinds(articles) == [
        ["title", "paragraph", "paragraph"],
        ["quote", "attribution"],
        ["title", "dateline", "paragraph"],
    ]
    assert articles[0][2] == ("paragraph", dash)
    assert articles[1] == [
        ("quote", quote),
        ("attribution", "——杭州市委宣传部部务会议成员、市文明办副主任 康志友"),
    ]
    assert articles[2][0] == ("title", "江苏盐城：“小网格”发挥抗“疫”大作用")


def test_single_spaced_page_with_blank_lines_between_paragraphs() -> None:
    text = "\n".join(
        [
            "安徽蒙城：党建网格疫情防控全覆盖",
            "",
            *wrap(P1, 18),
            "",
            *wrap(P2, 18),
            "",
            *wrap(P3, 18),
        ]
    )
    (article,) = parse_text(text)
    assert article == [
        ("title", "安徽蒙城：党建网格疫情防控全覆盖"),
        ("paragraph", P1),
        ("paragraph", P2),
        ("paragraph", P3),
    ]


def test_stacked_headlines_get_their_own_bodies_and_end_of_page_lead_moves() -> None:
    yushu = [
        "玉树州委组织部坚持党建引领，采取五项切实可行的措施，强化玉树党支部战斗堡垒作用，凝心聚力奋战在玉树抗疫一线。",
        "玉树州委组织部在玉树党建网开设三个专栏，会同玉树党建微信公众平台及时跟进疫情动态，讲好玉树抗疫故事。",
    ]
    xinzhou = [
        "忻州市委组织部先后拨付200余万元党费支援忻州防控一线，为一线环卫工人代表送上慰问金和忻州市民的问候。",
        "忻州市委组织部部务会成员冲锋在前，转战忻州抗疫一线，深入卫健、公安、环卫、村居等防疫重点部门单位。",
    ]
    lead = "疫情防控进入关键阶段，山西省忻州市委组织部把“四个一”暖心服务落实到一线。"
    text = page(
        ["战“疫”路上，组工干部勇向前", "——青海省玉树州委组织部带头抗击疫情做表率"],
        "旦正措",
        ["增信心暖人心聚民心", "——山西省忻州市将“四个一”暖心服务落实到防疫一线", "思瑜"],
        *(body(p, 15) for p in xinzhou),
        *(body(p, 15) for p in yushu),
        ["湖南永州江华县", "漫画公益广告", "助力抗“疫”宣传"],
        body("本报讯（陈天涯）" + P1, 15),
        body(lead, 12),
    )
    first, second, third = parse_text(text)
    assert [t for k, t in first if k == "paragraph"] == yushu
    assert [t for k, t in second if k == "paragraph"] == xinzhou
    assert ("lead", lead) in second and second.index(("lead", lead)) == 3
    assert [k for k, _ in third] == ["title", "dateline", "paragraph"]


NEWS = [
    "三月以来，河南省各地抓住有利天气，组织农民开展春耕备耕。记者在周口市看到，田间地头到处是忙碌的",
    "身影。当地农业农村局局长张建华介绍，全市已备足化肥12.5万吨，种子3.2万吨，",
    "能够满足春播需要。",
]
P_LONG = [P1 + P2, P3 + P1, P2 + P3]


@pytest.mark.parametrize("blank", ["\n\n", "\n"])
def test_one_paragraph_per_line_prose(blank: str) -> None:
    text = "春耕备耕全面展开 农业生产开局良好\n——记者走访河南省多个产粮大县\n\n" + blank.join(
        P_LONG
    )
    (article,) = parse_text(text)
    assert article == [
        ("title", "春耕备耕全面展开 农业生产开局良好"),
        ("subtitle", "——记者走访河南省多个产粮大县"),
        *(("paragraph", p) for p in P_LONG),
    ]


def test_editor_wrapped_news_with_a_long_first_line_is_not_a_headline() -> None:
    text = "春耕备耕全面展开\n\n本报记者 王晓东\n\n" + "\n".join(NEWS) + "\n\n" + P_LONG[0] + "\n"
    (article,) = parse_text(text)
    assert article == [
        ("title", "春耕备耕全面展开"),
        ("byline", "本报记者 王晓东"),
        ("paragraph", "".join(NEWS)),
        ("paragraph", P_LONG[0]),
    ]


# -- what an unseen page showed (issue 15): each case built for its class, at several widths


@pytest.mark.parametrize("width", [12, 15, 18])
@pytest.mark.parametrize(
    "head",
    [
        ["困难解决在一线 让基层", "工作者得安心"],
        ["战“疫”一线发挥", "榜样之力"],
        ["政治检验在一线", "让无私奉献者", "聚初心"],
    ],
)
def test_a_section_head_printed_over_lines_is_one_head(width: int, head: list[str]) -> None:
    """Each line of the head stands alone (a blank line after it, like the body's lines)."""
    text = page(
        ["增信心暖人心聚民心", "——山西省忻州市将“四个一”暖心服务落实到防疫一线", "思瑜"],
        body(P1, width),
        *head,
        body(P2, width),
    )
    (article,) = parse_text(text)
    assert article[3:] == [
        ("paragraph", P1),
        ("heading", "".join(head)),
        ("paragraph", P2),
    ]


QUOTE = "疫情防控带来的勤洗手、戴口罩、吃熟食、拒野味等健康文明的生活习惯，倒逼人们增强健康理念。"


@pytest.mark.parametrize("width", [12, 14, 15])
@pytest.mark.parametrize(
    "title",
    [
        ["福建省泉州市鲤城区", "推进移风易俗", "助力打赢疫情防控阻击战"],
        ["湖南永州江华县", "漫画公益广告", "助力抗“疫”宣传"],
        ["江苏盐城：", "“小网格”发挥抗“疫”大作用"],
    ],
)
def test_a_title_over_lines_after_a_pull_quote_starts_its_own_article(
    width: int, title: list[str]
) -> None:
    text = page(
        "安徽蒙城：9761个党建网格疫情防控全覆盖",
        body("本报讯（葛新爱）" + P1, width),
        body(QUOTE, width),
        "——杭州市委宣传部部务会",
        "议成员、市文明办副主任 康志友",
        *title,
        body("本报讯（闽文）" + P3, width),
    )
    articles = parse_text(text)
    assert kinds(articles) == [
        ["title", "dateline", "paragraph"],
        ["quote", "attribution"],
        ["title", "dateline", "paragraph"],
    ]
    assert articles[2][0] == ("title", "".join(title))


OTHER = [
    "盐城高新区网格员陈金巧每天都早早地来到自己负责的网格，挨家挨户上门测量体温，帮居民清理生活垃圾。",
    "盐城高新区社区党总支书记张华介绍，该社区组织了26名网格员逐户登门排查，仅用三天就完成了排查。",
]
# ends the last article; shares words with the first article's headline
ECHO = "据了解，江华县漫画公益广告助力抗“疫”宣传的做法，也被盐城网格员用来宣传疫情防控知识，受到群众欢迎。"


@pytest.mark.parametrize("width", [13, 15, 17])
@pytest.mark.parametrize(
    ("narrower", "moves"), [(0, False), (3, True)], ids=["same-width", "narrower"]
)
def test_an_end_of_page_paragraph_moves_to_another_article_only_when_set_apart(
    width: int, narrower: int, moves: bool
) -> None:
    """Its words echo the first article's headline either way; only a paragraph printed at
    another column width than its article's body is taken for a displaced lead."""
    text = page(
        ["湖南永州江华县", "漫画公益广告", "助力抗“疫”宣传"],
        body("本报讯（陈天涯）" + P1, width),
        ["江苏盐城：", "“小网格”发挥抗“疫”大作用"],
        body("本报讯（盐文）" + OTHER[0], width),
        body(OTHER[1], width),
        body(ECHO, width - narrower),
    )
    first, last = parse_text(text)
    assert (("lead", ECHO) in first) is moves
    assert (last[-1] == ("paragraph", ECHO)) is not moves


def test_a_long_text_is_weighted_page_by_page() -> None:
    """Rarity weights count a bigram on its own page: up to two pages' worth of blocks is one
    page, a longer text gets pages of PAGE_BLOCKS blocks with half a page either side."""
    from bilingual.ingest.structure import RawBlock
    from bilingual.ingest.weights import PAGE_BLOCKS, Weights

    short = [RawBlock("paragraph", f"第{i}段") for i in range(2 * PAGE_BLOCKS)]
    weights = Weights(short)
    assert (weights.page(short[0]).start, weights.page(short[-1]).n) == (0, 2 * PAGE_BLOCKS)
    long = [RawBlock("paragraph", f"第{i}段") for i in range(5 * PAGE_BLOCKS + 7)]
    weights = Weights(long)
    first, middle, last = (weights.page(long[i]) for i in (0, 2 * PAGE_BLOCKS + 3, -1))
    assert (first.start, first.n) == (0, PAGE_BLOCKS + PAGE_BLOCKS // 2)
    assert (middle.start, middle.n) == (2 * PAGE_BLOCKS - PAGE_BLOCKS // 2, 2 * PAGE_BLOCKS)
    assert (last.start, last.n) == (5 * PAGE_BLOCKS - PAGE_BLOCKS // 2, PAGE_BLOCKS // 2 + 7)


def test_many_seed_pages_in_one_file_are_each_repaired() -> None:
    """25 seed pages in one file (over two pages' worth of blocks): in every copy the body
    printed under the wrong headline goes to its own article; the lead printed at the end
    of the file goes to the 忻州 article of the last copy, on the same page."""
    from conftest import SEED

    seed = SEED.read_text(encoding="utf-8")
    one = parse_text(seed)
    articles = parse_text(seed * 25)
    assert len(articles) == 25 * len(one)

    def titles(found: list) -> list[str]:
        return [a[0][1] for a in found if a[0][0] == "title"]

    assert titles(articles) == titles(one) * 25
    for copy in range(25):
        first = articles[copy * len(one)]
        assert any("玉树" in t for k, t in first if k == "paragraph")
        assert not any("忻州" in t for k, t in first if k == "paragraph")
    leads = [i for i, a in enumerate(articles) if any(k == "lead" for k, _ in a)]
    assert leads == [24 * len(one) + 1]


@pytest.mark.parametrize("lazy", [0, 3, 10_000])
@pytest.mark.parametrize("pages", [3, 0.1])  # over 1000 blocks, or a short page of 50
def test_bigram_counts_are_the_same_testing_all_blocks_or_from_the_index(
    lazy: int, pages: float
) -> None:
    """A half page's bigrams are tested in all its blocks at first, then looked up in an
    index of its (bigram, block) pairs: both give the number of blocks holding the bigram
    (once per block, however often it is there; none across two blocks, none for characters
    in no block), also for characters beyond the BMP, NULs in a text and empty blocks."""
    from bilingual.ingest.structure import RawBlock
    from bilingual.ingest.weights import PAGE_BLOCKS, Weights

    odd = ["", "长\0江", "𠀋𠀌长", "号", "江\ud800长"]  # a lone surrogate, as surrogateescape gives
    texts = [
        f"第{i % 7}段长江长江{i % 3}号" * (1 + i % 2) + odd[i % 5]
        for i in range(int(pages * PAGE_BLOCKS))
    ]
    weights = Weights([RawBlock("paragraph", t) for t in texts])
    weights.LAZY_TESTS = lazy * Weights.HALF
    grams = ["长江", "江长", "第3", "段长", "0号", "号第", "黄河", "𠀋𠀌", "𠀌长", "\0江", "号长"]
    for start, end in ((0, PAGE_BLOCKS), (PAGE_BLOCKS // 2, len(texts))):
        for gram in grams * 2:  # asked again: from the counts kept
            assert weights.df(gram, start, end) == sum(gram in t for t in texts[start:end])


@pytest.mark.parametrize(
    "dateline",
    [
        "本报讯（记者 张三）",
        "本报北京3月1日电（记者 李四）",
        "新华社北京3月1日电",
        "中新社上海3月1日电",
        "人民网北京3月1日电",
        "新华网北京3月1日电",
        "央视网北京3月1日电",
    ],
)
def test_every_kind_of_dateline_opens_its_article(dateline: str) -> None:
    """Lines are tested against DATELINE only when they start with one of DATELINE_STARTS
    (the rest cannot match): every agency's dateline still opens the article's body, and the
    set covers the first character of each of the pattern's alternatives."""
    from bilingual.ingest.reflow import DATELINE, DATELINE_STARTS

    firsts = set(re.findall(r"(?<=[:|])([\u4e00-\u9fff])", DATELINE.pattern))
    assert firsts and firsts <= DATELINE_STARTS
    page = f"春风化雨润民心\n\n{dateline}基层干部走村入户，宣传防疫知识。\n"
    (article,) = parse_text(page)
    assert [k for k, _ in article] == ["title", "dateline", "paragraph"]
