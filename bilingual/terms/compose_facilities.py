"""Heads of `term-head` naming a facility or an institution set up for a term (中心, 服务站, 基地 …).

Local Party-press text names the places a task is carried out in by the task's term and a
facility noun: 电子商务服务站, 科技创新中心, 新兴产业示范基地, 大数据平台. The glossary holds the
term; the facility noun follows its English in a regular way, so these heads join
`terms.compose_heads.HEADS` (`add_heads`) and compose through its rule and all its guards: the
head ends a word and starts no longer term (理论学习中心组, 平台经济, 产业园区, 服务站站长), the term is no person, place,
post, organ, proper name, clause or verb phrase, a list before the head keeps it apart
(电子商务、大数据平台), and an entry for the whole wins.

| head | short | long | read in |
|---|---|---|---|
| 中心 | {x} center | center for {x} | see the row |
| 服务中心 | {x} service center | — | see the row |
| 综合服务中心 | comprehensive {x} service center | — | see the row |
| 服务站 | {x} service station | — | see the row |
| 基地 | {x} base | — | see the row |
| 示范基地 | {x} demonstration base | demonstration base for {x} | see the row |
| 产业园 | {x} industrial park | — | see the row |
| 平台 | {x} platform | — | see the row |

A head without a long form composes short terms only (at most three words, no preposition,
conjunction or plural): the long forms were not read for these, and "service center for …"
or "base for …" would be a guess; the MT words a longer term with its head.

Left out, each because official English gives no one pattern after a term:

- 工作站: People's Daily 2010-11-29 writes 博士后工作站 "postdoctoral stations"
  (en.people.cn/90001/90776/90881/7214766.html); elsewhere workstation, work station, liaison
  station — the English depends on the kind of station.
- 园区: industrial park, science park, zone or area by what the park holds (工业园区, 科技园区,
  经开区); only 产业园 "industrial park" is regular.
- 联盟: alliance, consortium, league or union (SASAC's 创新联合体 are "innovation consortiums",
  Xinhua 2024-06-21); no official pattern with a term read.
- 驿站: a courier post, a rest stop, a service hub or an inn by sense (Chinanews 2023 "transportation
  post", "station" in one article).
- 窗口: a service counter or a figurative window (窗口期 window period, 开放窗口); the entry keeps
  "window" and nothing composes with it.
- 专区: a historical administrative prefecture, a special zone, or a section of a shop or a web
  site.
- 服务中心 and 平台 in the long form ("service center for …", "platform for …"): no official
  example read.
"""

from __future__ import annotations

from .compose_heads import Head, add_heads


def _head(zh: str, short: str, long: str, source: str) -> Head:
    return Head(zh, short, long, frozenset(), source)


FACILITIES = [
    _head("中心", "{x} center", "center for {x}",
          "Xinhua 2025-07-28 'national-level manufacturing innovation centers' "
          "(en.people.cn/n3/2025/0728/c90000-20345888.html); People's Daily 2010-11-29 "
          "'centers for postdoctoral studies' (en.people.cn/90001/90776/90881/7214766.html)"),
    _head("服务中心", "{x} service center", "",
          "Guiyang government 2021-02-05 'government affairs service center', 'government "
          "service center' (kaiyang.english.guiyang.gov.cn/2021-02/05/c_588073.htm); Xiamen "
          "Foreign Affairs Office 2025-07-21 'international service center' "
          "(en.fao.xm.gov.cn/2025-07/21/c_1111102.htm)"),
    _head("综合服务中心", "comprehensive {x} service center", "",
          "Xiamen Foreign Affairs Office 2025-07-21 'one-stop comprehensive international "
          "service center' (en.fao.xm.gov.cn/2025-07/21/c_1111102.htm); Ministry of Commerce "
          "figures as reported by CCTV 2025 'county-level comprehensive commercial service "
          "centers'"),
    _head("服务站", "{x} service station", "",
          "China Daily for the Guiyang government 2021-11-11 'village service stations' "
          "(subsites.chinadaily.com.cn/guiyang/kaiyang/2021-11/11/c_681047.htm); Xinhua "
          "2019-05-23 'rural e-commerce delivery stations'"),
    _head("基地", "{x} base", "",
          "Xinhua 2023-12-23 'this sugarcane base' (en.people.cn/n3/2023/1223/c90000-20114127"
          ".html); Huaihua government 2025-11 'Polygonatum Production Base' "
          "(eng.huaihua.gov.cn/enghuaihua/c133467/202511/5761a4271b83414abb0dd1378174cad0"
          ".shtml)"),
    _head("示范基地", "{x} demonstration base", "demonstration base for {x}",
          "Xinhua 2025-11-25 'national demonstration bases for emerging industries', "
          "'industrial-park demonstration bases', 'enterprise-type demonstration bases' "
          "(en.people.cn/n3/2025/1125/c90000-20394626.html)"),
    _head("产业园", "{x} industrial park", "",
          "Xinhua 2023-12-23 'National Modern Agricultural Industrial Park' "
          "(en.people.cn/n3/2023/1223/c90000-20114127.html); China Daily 2013-07-18 "
          "'sunflower industrial park'"),
    _head("平台", "{x} platform", "",
          "Xinhua 2025-07-28 'pilot testing platforms', 'innovation and service platforms' "
          "(en.people.cn/n3/2025/0728/c90000-20345888.html); China Daily 2019-10-18 "
          "'e-commerce platform' (govt.chinadaily.com.cn/s/201910/18/"
          "WS5da92e20498ebcb19057a0f8)"),
]  # fmt: skip

add_heads(FACILITIES)
