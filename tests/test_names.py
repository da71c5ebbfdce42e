"""Person names (GB/T 28039), places (GB/T 16159) and finding them in text."""

from __future__ import annotations

import pytest

from bilingual.errors import InputError
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.names import (
    byline_names,
    dotted_names,
    is_verified,
    join_syllables,
    names_in,
    pinyin_of,
    romanize,
    romanize_name,
    romanize_place,
    titled_names,
)


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("葛新爱", "Ge Xin'ai"),
        ("秦书义", "Qin Shuyi"),
        ("王飞", "Wang Fei"),
        ("习近平", "Xi Jinping"),
        ("王少峰", "Wang Shaofeng"),
        ("康志友", "Kang Zhiyou"),
        ("欧阳少峰", "Ouyang Shaofeng"),
        ("司马光", "Sima Guang"),
        ("尉迟恭", "Yuchi Gong"),
        ("万俟卨", "Moqi Xie"),
        ("诸葛亮", "Zhuge Liang"),
        ("单雄信", "Shan Xiongxin"),
        ("曾国藩", "Zeng Guofan"),
        ("解缙", "Xie Jin"),
        ("区志强", "Ou Zhiqiang"),
        ("覃明", "Qin Ming"),
        ("朴明", "Piao Ming"),
        ("仇英", "Qiu Ying"),
        ("查良镛", "Zha Liangyong"),
        ("盖叫天", "Ge Jiaotian"),
        ("缪平", "Miao Ping"),
        ("翟敏", "Zhai Min"),
        ("吕红", "Lü Hong"),
        ("杨长亚", "Yang Changya"),  # 长 in a given name is chang
        ("张长弓", "Zhang Changgong"),
        ("张朝阳", "Zhang Chaoyang"),
        ("长孙无忌", "Zhangsun Wuji"),
        ("张安娥", "Zhang An'e"),
        ("旦正措", "Danzhengcuo"),
        ("扎西顿珠", "Zhaxi Dunzhu"),  # transcribed: parts kept apart
        ("买买提·艾力", "Maimaiti Aili"),
        ("乌兰其其格", "Wulan Qiqige"),
        (" 王 飞 ", "Wang Fei"),
        ("", ""),
    ],
)
def test_person_names(zh: str, en: str) -> None:
    assert romanize_name(zh) == en


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("忻州市", "Xinzhou City"),
        ("蒙城县", "Mengcheng County"),
        ("岳坊镇", "Yuefang Town"),
        ("鲤城区", "Licheng District"),
        ("西安市", "Xi'an City"),
        ("陕西省", "Shaanxi Province"),
        ("蒋村乡", "Jiangcun Township"),
        ("玉树藏族自治州", "Yushu Tibetan Autonomous Prefecture"),
        ("广西壮族自治区", "Guangxi Zhuang Autonomous Region"),
        ("盐渎街道", "Yandu Subdistrict"),
        ("杭州", "Hangzhou"),
        ("内蒙古自治区", "Inner Mongolia Autonomous Region"),
        ("长安镇", "Chang'an Town"),
    ],
)
def test_places(zh: str, en: str) -> None:
    assert romanize_place(zh) == en


def test_glossary_place_entries_win() -> None:
    glossary = Glossary.from_entries(
        [
            Entry("北京市", "Beijing Municipality", category="place"),
            Entry("忻州", "Xinzhou (Shanxi)"),
        ]
    )
    assert romanize_place("北京市", glossary) == "Beijing Municipality"
    assert romanize_place("忻州市", glossary) == "Xinzhou (Shanxi) City"


@pytest.mark.parametrize(
    ("parts", "word"),
    [(["xin", "ai"], "xin'ai"), (["xi", "an"], "xi'an"), (["tian", "e"], "tian'e"),
     (["ou", "yang"], "ouyang"), (["an", "ou"], "an'ou")],
)  # fmt: skip
def test_apostrophe_before_a_o_e(parts: list[str], word: str) -> None:
    assert join_syllables(parts) == word


@pytest.mark.parametrize(
    ("kind", "zh", "en"),
    [("name", "葛新爱", "Ge Xin'ai"), ("place", "忻州市", "Xinzhou City"),
     ("text", "网格化", "wǎnggé huà"), ("text", "转化为生产力", "zhuǎnhuà wéi shēngchǎnlì")],
)  # fmt: skip
def test_romanize_registry(kind: str, zh: str, en: str) -> None:
    assert romanize(zh, kind) == en


def test_unknown_kind() -> None:
    with pytest.raises(InputError, match="Unknown kind"):
        romanize("王飞", "animal")


def test_pinyin_of_has_tone_marks() -> None:
    assert pinyin_of("不忘初心") == "bù wàng chū xīn"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("本报讯（葛新爱 王飞 王少峰）", ["葛新爱", "王飞", "王少峰"]),
        ("本报讯（葛新爱王飞王少峰）", ["葛新爱", "王飞", "王少峰"]),
        ("本报讯（葛新爱、王飞）", ["葛新爱", "王飞"]),
        ("本报讯（记者 陈天涯 通讯员 王飞）", ["陈天涯", "王飞"]),
        ("本报讯（盐文）", ["盐文"]),
        ("旦正措", ["旦正措"]),
        ("思瑜", ["思瑜"]),
        ("欧阳少峰 王飞", ["欧阳少峰", "王飞"]),
        ("王飞李明", ["王飞", "李明"]),
    ],
)
def test_byline_names(text: str, names: list[str]) -> None:
    assert byline_names(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("——杭州市委宣传部部务会议成员、市文明办副主任 康志友", ["康志友"]),
        ("——铜川市委书记、市委文明委主任、市创建工作领导小组第一组长杨长亚", ["杨长亚"]),
        ("党总支书记张华介绍，该社区组织了26名网格员", ["张华"]),
        ("市委常委、组织部长秦书义同志深入到", ["秦书义"]),
        ("网格员陈金巧每天都早早地来到", ["陈金巧"]),
        ("镇党委书记葛永介绍说", ["葛永"]),
        ("部务会其他成员分成5组行动", []),
        ("为一线环卫工人代表送上慰问金", []),
    ],
)
def test_titled_names(text: str, names: list[str]) -> None:
    assert titled_names(text) == names


GLOSSARY = Glossary.from_entries(
    [
        Entry("市委组织部", "Municipal Party Committee Organization Department"),
        Entry("县委", "county Party committee"),
        Entry("区长", "district head", category="title"),
        Entry("泉州市", "Quanzhou", category="place"),
    ]
)


@pytest.mark.parametrize(
    ("text", "kind", "pairs"),
    [
        (
            "本报讯（葛新爱 王飞 王少峰）",
            "dateline",
            [("葛新爱", "Ge Xin'ai"), ("王飞", "Wang Fei"), ("王少峰", "Wang Shaofeng")],
        ),
        ("旦正措", "byline", [("旦正措", "Danzhengcuo")]),
        ("——市文明办副主任 康志友", "attribution", [("康志友", "Kang Zhiyou")]),
        (
            "山西省忻州市将",
            "paragraph",
            [("山西省", "Shanxi Province"), ("忻州市", "Xinzhou City")],
        ),
        ("忻州市委组织部", "paragraph", [("忻州", "Xinzhou")]),
        ("蒙城县委迅速下发通知", "paragraph", [("蒙城", "Mengcheng")]),
        ("忻府区长征街办事处", "paragraph", [("忻府区", "Xinfu District")]),
        ("泉州市鲤城区", "paragraph", [("泉州市", "Quanzhou"), ("鲤城区", "Licheng District")]),
        ("安徽蒙城：9761个党建网格", "title", [("安徽", "Anhui"), ("蒙城", "Mengcheng")]),
        ("大港市的工作", "paragraph", []),  # unknown prefixes are never guessed
    ],
)
def test_names_in(text: str, kind: str, pairs: list[tuple[str, str]]) -> None:
    assert names_in(text, kind, GLOSSARY) == pairs


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("本报西宁电", "dateline", []),
        ("本报记者 王晓东", "byline", ["王晓东"]),
        ("新华社北京3月1日电 记者张三", "dateline", ["张三"]),
        ("本报讯（葛新爱 王飞 王少峰）", "dateline", ["葛新爱", "王飞", "王少峰"]),
    ],
)
def test_unbracketed_datelines_credit_only_a_named_reporter(text, kind, expected) -> None:
    from bilingual.terms.names import byline_names

    assert byline_names(text) == expected


# --- names beyond Han pinyin -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zh", "en", "verified"),
    [
        ("阿沛·阿旺晋美", "Ngapoi Ngawang Jigme", True),  # glossary/people.tsv
        ("阿沛阿旺晋美", "Ngapoi Ngawang Jigme", True),  # its variant
        ("乌兰夫", "Ulanhu", True),  # not Wu Lanfu
        ("赛福鼎·艾则孜", "Saifuddin Azizi", True),
        ("买买提·艾力", "Maimaiti Aili", False),  # parts apart, not one joined word
        ("扎西顿珠", "Zhaxi Dunzhu", False),
        ("乌兰其其格", "Wulan Qiqige", False),  # 乌 is no surname here
        ("旦正措", "Danzhengcuo", False),  # no Han surname
        ("葛新爱", "Ge Xin'ai", True),
    ],
)
def test_names_beyond_han_pinyin(real_glossary: Glossary, zh: str, en: str, verified: bool) -> None:
    assert romanize_name(zh, real_glossary) == en
    assert is_verified(zh, real_glossary) is verified


@pytest.mark.parametrize(
    ("zh", "en"),
    [("日喀则市", "Xigaze City"), ("兴安盟", "Hinggan League"), ("呼和浩特", "Hohhot"),
     ("乌鲁木齐", "Urumqi"), ("喀什", "Kashgar"), ("林芝", "Nyingchi"), ("那曲", "Nagqu"),
     ("昌都", "Qamdo"), ("拉萨", "Lhasa"), ("澳门", "Macao")],
)  # fmt: skip
def test_places_whose_english_is_not_pinyin(real_glossary: Glossary, zh: str, en: str) -> None:
    assert romanize_place(zh, real_glossary) == en


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("自治区主席艾尔肯·吐尼亚孜说", ["艾尔肯·吐尼亚孜"]),
        ("买买提·艾力表示，要加强团结", ["买买提·艾力"]),
        ("阿沛·阿旺晋美同志", ["阿沛·阿旺晋美"]),
        ("打造“德润铜川·好人之城”品牌", []),  # a slogan with a dot
        ("2024中国·西宁国际会议", []),  # a place
    ],
)
def test_dotted_names_in_running_text(real_glossary: Glossary, text: str, names: list[str]) -> None:
    assert dotted_names(text, real_glossary) == names


def test_bylines_keep_dotted_names_whole() -> None:
    assert byline_names("本报记者 买买提·艾力 王飞") == ["买买提·艾力", "王飞"]


def test_a_transcribed_name_is_flagged_unverified_once(real_glossary: Glossary) -> None:
    from bilingual.terms.analysis import analyse
    from bilingual.terms.protect import check

    text = "买买提·艾力表示，买买提·艾力将"
    analysis = analyse(text, "paragraph", real_glossary)
    flags = check(analysis, "Maimaiti Aili said that Maimaiti Aili will")
    assert [(f.code, f.detail) for f in flags] == [
        ("name-unverified", "买买提·艾力 → Maimaiti Aili")
    ]
    known = analyse("阿沛·阿旺晋美同志", "paragraph", real_glossary)
    assert check(known, "Comrade Ngapoi Ngawang Jigme") == []
