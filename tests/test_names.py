"""Person names (GB/T 28039), places (GB/T 16159) and finding them in text."""

from __future__ import annotations

import pytest

from bilingual.errors import InputError
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.names import (
    byline_names,
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
        ("扎西顿珠", "Zhaxidunzhu"),
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
     ("text", "网格化", "wǎng gé huà")],
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
