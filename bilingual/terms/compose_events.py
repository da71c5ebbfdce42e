"""Heads of `term-head` naming a meeting held on a term (工作会议, 座谈会, 研讨会, 研讨班).

Party-press text names a meeting by its subject and the meeting word: 东西部协作工作会议,
乡村振兴座谈会, 全省粮食安全工作会议. The glossary holds the subject term and the meeting word
(工作会议 work conference, 座谈会 symposium); official English puts the subject after the meeting
("symposium on …") or, for a short subject, before it ("rural work conference"), so these
heads join `terms.compose_heads.HEADS` (`add_heads`) and compose through its rule and guards:
the meeting word ends a word and starts no longer term (工作会议室), the subject is no person,
place, post, organ, proper name, clause or verb phrase, and a list before it keeps the meeting
apart (乡村振兴、粮食安全座谈会: the meeting may be on every part).

| head | short | long | read in |
|---|---|---|---|
| 工作会议 | {x} work conference | — (Xinhua's "conference on … work" read; not composed) | see the row |
| 座谈会 | — | symposium on {x} | see the row |
| 研讨会, 研讨班 | — | seminar on {x} | see the row |

工作会议 composes short subjects only, as the head 工作 does: "national conference on public
security work" is Xinhua's too, but after a long subject "conference on full and rigorous Party
self-governance work" reads badly, and the MT words it.

A level, 全省/全市/全县 or 中央 before the whole stays outside the span (全省 is "across the
province", "provincial" or "the whole province" by sentence): the composed span is the subject
and the meeting; the MT words the scope, as for the other heads. A verb written before the
subject (推进乡村振兴座谈会: a symposium on advancing …) also stays outside.

Left out, each because official English gives no one pattern of the meeting word after a
subject, or none was read: 培训班 ("training classes themed …", Xinhua 2007-01-29,
china.org.cn/government/central_government/2007-01/29/content_1198029.htm; "Training Program on
International Competence", Beijing Foreign Affairs Office 2024-11-06,
wb.beijing.gov.cn/en/express/202501/t20250106_3981340.html; "training course held for …"
officials, Xinhua 2024-07-09: course, class or program, on, themed or for), 推进会 ("the
conference on promoting the experience in …", Xinhua 2023-10-14, en.people.cn/n3/2023/1014/
c90000-20083535.html; "a national meeting to study and apply the experience of …", Xinhua
2024-11-19: the verb inside is the sentence's, and the entry keeps "work promotion meeting"),
动员大会 (read only as "a key meeting to launch a campaign", Xinhua via Global Times 2019-05-31),
现场会, 部署会, 调度会, 观摩会 and 专题会 (no official English with a subject read), and 论坛 (a
forum after a term is mostly a proper name: 中非合作论坛 Forum on China-Africa Cooperation, 博鳌
亚洲论坛 Boao Forum for Asia). Their entries keep their own English and the subject its own.
"""

from __future__ import annotations

from .compose_heads import Head, add_heads

MEETINGS = [
    Head("工作会议", "{x} work conference", "", frozenset(),
         "Xinhua (english.news.cn cnleaders/xistime, 2023-2024) 'central rural work conference', "
         "'central economic work conference', 'national conference on public security work' "
         "(xinhuanet.com/english/cnleaders/xistime/index.htm); Quzhou government 2021-06-28 "
         "'National East-West Collaboration Work Conference' "
         "(qz.gov.cn/art/2021/6/28/art_1544410_59004304.html)"),
    Head("座谈会", "", "symposium on {x}", frozenset(),
         "Xinhua 2024 'Xi chairs symposium on boosting development of China's western region "
         "in new era' (xinhuanet.com/english/cnleaders/xistime/index.htm); the entry 座谈会 "
         "symposium"),
    Head("研讨会", "", "seminar on {x}", frozenset(),
         "Xinhua via gov.cn 2022-07-12 'a seminar on promoting rural revitalization for "
         "provincial-level officials' (english.www.gov.cn/statecouncil/huchunhua/202207/12/"
         "content_WS62ccaba4c6d02e533532d948.html); Xiamen Foreign Affairs Office 2025-07-21 "
         "'the Seminar on Chinese Language for Government Officials' "
         "(en.fao.xm.gov.cn/2025-07/21/c_1111102.htm); the entry 研讨会 seminar"),
    Head("研讨班", "", "seminar on {x}", frozenset(),
         "as 研讨会: Xinhua via gov.cn 2022-07-12 'a seminar on promoting rural revitalization "
         "for provincial-level officials', a 研讨班 for officials"),
]  # fmt: skip

add_heads(MEETINGS)
