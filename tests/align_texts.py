"""A small news text written for the aligner tests: Chinese, its English, an MT bridge.

The English splits sentence 6 in two (1:2), joins sentences 8 and 9 (2:1) and leaves
sentence 10 out (1:0). Written for this project; not taken from any publication.
"""

from __future__ import annotations

ZH = [
    "国务院新闻办公室今天上午举行新闻发布会，介绍2023年全国粮食生产情况。",
    "国家统计局副局长李明在会上表示，全年粮食总产量达到6.95亿吨，比上年增长1.3%。",
    "其中，夏粮产量1.46亿吨，秋粮产量5.12亿吨。",
    "他说，粮食播种面积连续四年保持稳定。",
    "全国农田水利建设取得新进展。",
    "新建高标准农田八千万亩，有效提高了抗旱防涝能力。",
    "李明指出，今年南方部分地区遭受严重洪涝灾害，北方一些省份出现旱情，农业生产面临较大挑战。",
    "各地农业部门及时组织抢收抢种，把损失降到最低。",
    "在谈到农民收入时，他表示，农村居民人均可支配收入实际增长7.6%。",
    "这一增速高于城镇居民。",
    "记者还就化肥价格上涨问题进行了提问。",
    "对此，李明回答说，国家将继续加大对种粮农民的补贴力度。",
    "明年，中央财政将安排资金支持大豆和玉米生产。",
    "发布会持续了约一个小时。",
]

EN = [
    "The State Council Information Office held a press conference this morning on grain "
    "production across the country in 2023.",
    "Li Ming, deputy director of the National Bureau of Statistics, said that total grain "
    "output for the year reached 695 million tonnes, up 1.3% from the previous year.",
    "Of this, summer grain output was 146 million tonnes and autumn grain output 512 million "
    "tonnes.",
    "He said the area sown with grain had remained stable for four years in a row.",
    "New progress was made in building farmland irrigation across the country.",
    "Eighty million mu of new high-standard farmland were built, effectively improving the "
    "ability to resist drought and floods.",
    "Li Ming pointed out that some areas in the south suffered severe floods this year.",
    "Some northern provinces saw drought, and agricultural production faced great challenges.",
    "Agricultural departments everywhere organised rush harvesting and planting in time, "
    "keeping losses to a minimum.",
    "Speaking of farmers' income, he said the per capita disposable income of rural residents "
    "grew by 7.6% in real terms, faster than that of urban residents.",
    "In response, Li Ming said the state would continue to increase subsidies to grain farmers.",
    "Next year, central government finances will provide funds to support soybean and corn "
    "production.",
    "The press conference lasted about an hour.",
]

# A rough machine translation of ZH, line for line (the bridge).
MT = [
    "The State Council Information Office held a press conference this morning to introduce "
    "the national grain production situation in 2023.",
    "Li Ming, deputy director of the National Bureau of Statistics, said at the meeting that "
    "the annual total grain output reached 695 million tons, an increase of 1.3% over the "
    "previous year.",
    "Among them, the summer grain output was 146 million tons and the autumn grain output was "
    "512 million tons.",
    "He said that the grain sown area has remained stable for four consecutive years.",
    "New progress has been made in the construction of farmland water conservancy nationwide.",
    "80 million mu of new high-standard farmland were built, effectively improving the "
    "ability to resist drought and prevent floods.",
    "Li Ming pointed out that this year some areas in the south suffered severe floods, "
    "drought occurred in some northern provinces, and agricultural production faced great "
    "challenges.",
    "Agricultural departments in various places organized rush harvesting and planting in "
    "time to minimize losses.",
    "Talking about farmers' income, he said that the per capita disposable income of rural "
    "residents increased by 7.6% in real terms.",
    "This growth rate is higher than that of urban residents.",
    "Reporters also asked questions about rising fertilizer prices.",
    "In this regard, Li Ming replied that the state will continue to increase subsidies for "
    "grain farmers.",
    "Next year, the central government will arrange funds to support soybean and corn production.",
    "The press conference lasted about an hour.",
]

GOLD = [
    ((0,), (0,)),
    ((1,), (1,)),
    ((2,), (2,)),
    ((3,), (3,)),
    ((4,), (4,)),
    ((5,), (5,)),
    ((6,), (6, 7)),
    ((7,), (8,)),
    ((8, 9), (9,)),
    ((10,), ()),
    ((11,), (10,)),
    ((12,), (11,)),
    ((13,), (12,)),
]

# The same text as running paragraphs, for the segmenting path.
ZH_PAGE = "".join(ZH[:6]) + "\n\n" + "".join(ZH[6:]) + "\n"
EN_PAGE = " ".join(EN[:6]) + "\n\n" + " ".join(EN[6:]) + "\n"

# English that translates none of ZH (a different story), for the wrong-file warning.
UNRELATED_EN = [
    "The city library reopened on Saturday after two years of repairs.",
    "Its reading rooms now have new lamps, wider desks and a café on the ground floor.",
    "Children queued at the door before nine o'clock.",
    "The architect kept the old oak staircase and the painted ceiling.",
    "A small museum of printing fills the former basement.",
    "Volunteers will lead tours every afternoon during the summer.",
    "The mayor thanked the carpenters, who worked through the winter.",
    "Membership is free for students and pensioners.",
    "A jazz band played in the courtyard until late in the evening.",
    "The library expects a thousand visitors a day this month.",
    "Parking near the building remains difficult, the report admits.",
    "Cyclists may leave their bicycles in the new shed behind the garden.",
    "The next exhibition will show maps of the river from three centuries.",
]
