import pytest

from bilingual.ingest.normalize import clean_spaces, normalize_chars


@pytest.mark.parametrize(
    ("raw", "mode", "expected"),
    [
        ("付 的 30 万 元 党 费 ，用 于 慰 问 抗", "body", "付的30万元党费，用于慰问抗"),
        ("个 、三 级 网 格 846 个 、四 级 网 格", "body", "个、三级网格846个、四级网格"),
        ("部先后拨付 200余万元党费", "body", "部先后拨付200余万元党费"),
        ("2 月 13日", "body", "2月13日"),
        ("Xi Jinping  said", "body", "Xi Jinping said"),
        ("使用 COVID-19 疫苗", "body", "使用COVID-19疫苗"),
        ("本报讯（葛新爱 王飞 王少峰）", "names", "本报讯（葛新爱 王飞 王少峰）"),
        ("本报讯（葛 新 爱）", "body", "本报讯（葛新爱）"),
        ("关怀关爱在一线 让“流血流汗者”觉暖心", "headline", "关怀关爱在一线 让“流血流汗者”觉暖心"),
        ("解 困 助 力 ，把 省 委", "headline", "解困助力，把省委"),
        ("市文明办副主任 康志友", "names", "市文明办副主任 康志友"),
        # runs of blanks and tabs become one space first, then go if they touch CJK
        ("党费\t\t用于  慰问", "body", "党费用于慰问"),
        ("Xi\tJinping 说", "body", "Xi Jinping说"),
        ("人民日报 People's Daily", "body", "人民日报People's Daily"),
        ("“ 好人 ” 之城", "body", "“好人”之城"),
        ("a  ，b", "body", "a，b"),
    ],
)
def test_clean_spaces(raw: str, mode: str, expected: str) -> None:
    assert clean_spaces(raw, mode) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("村(社区)党组织", "村（社区）党组织"),
        ("14,000户", "14,000户"),
        ("28.6万", "28.6万"),
        ("２０２０年", "2020年"),
        ("ＣＰＣ中央", "CPC中央"),
        ("好,很好!", "好，很好！"),
        ("问题?答案", "问题？答案"),
        ("时间10:30开会", "时间10:30开会"),
        ("镇党委--村党组织", "镇党委——村党组织"),
        ("买菜送饭...新型", "买菜送饭……新型"),
        ("德润铜川•好人之城", "德润铜川·好人之城"),
        ("全角\u3000空格", "全角 空格"),
        ("(COVID-19)", "(COVID-19)"),
    ],
)
def test_normalize_chars(raw: str, expected: str) -> None:
    assert normalize_chars(raw) == expected
