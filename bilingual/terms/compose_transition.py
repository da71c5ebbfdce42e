"""The head 转型 of `term-head` after an ecology term: "{x} transition" (绿色低碳转型 → green and
low-carbon transition, 低碳转型 → low-carbon transition).

Official English writes 转型 "transition" after green, low-carbon and energy, and
"transformation" after digital and economic: the head's English depends on the term. What was
read:

| Chinese | English | read in |
|---|---|---|
| 绿色低碳转型 | green and low-carbon transition | SCIO 2024-04-18 "global green and low-carbon transition" (english.scio.gov.cn/pressroom/2024-04/18/content_117134547.htm); China Daily 2023-03-11 "China's green and low-carbon transition" |
| 绿色转型 | green transition | Xinhua 2024-12-27 "China's green transition"; the entry (Government Work Report 2025) |
| 能源转型 | energy transition | SCIO white paper "China's Energy Transition", Xinhua 2024-08-29 (en.people.cn/n3/2024/0829/c90000-20211837.html) |
| 数字化转型 | digital transformation | the entry; 制造业数字化转型 "digital transformation of manufacturing" |

The green, low-carbon and energy side holds over every name read, so the head composes after
terms of the category `ecology` (绿色低碳, 低碳) as "{x} transition"; 能源转型 and 绿色转型 are
entries (能源 and 绿色 are no terms). The other side is refused: 数字化 and 智能化 are no terms
(数字化转型 is an entry), and after a sector, a city or an economy (制造业转型, 传统产业转型,
资源型城市转型, 经济转型) no official name was read whose pattern is sure ("transformation of
resource-based cities" or "… transition"), so those terms keep their own English and 转型 is the
MT's. Nothing composes where 转型 starts a longer entry (转型升级 transformation and upgrading).
"""

from __future__ import annotations

from .compose_heads import Head, add_heads

TRANSITION = Head(
    "转型",
    "{x} transition",
    "",
    frozenset(["ecology"]),
    "SCIO 2024-04-18 'green and low-carbon transition' — "
    "english.scio.gov.cn/pressroom/2024-04/18/content_117134547.htm; SCIO white paper 2024 "
    "'China's Energy Transition'",
)

add_heads([TRANSITION])
