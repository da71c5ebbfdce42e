"""The shipped glossary on Party-press phrases: short terms match as terms, and not inside the
words that merely hold their characters (glossary/not-terms.txt)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT

from bilingual.terms.files import read_rows
from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        # a short term where it is the term
        ("保障和改善民生", ["保障和改善民生"]),
        ("关注民生", ["民生"]),
        ("市人大常委会主任", ["市人大常委会主任"]),  # composed (terms.compose)
        ("人大常委会办公厅主任", ["人大常委会办公厅主任"]),
        ("市长表示", ["市长"]),
        ("十四五时期", ["十四五时期"]),
        ("十四五开局", ["十四五"]),
        ("各街道、社区", ["街道", "社区"]),
        ("国卫复审", ["国卫"]),
        ("宣传部部长", ["宣传部部长"]),  # head of the publicity department
        ("大会主席团", ["主席团"]),
        ("实事求是", ["实事求是"]),
        ("新中国成立以来", ["新中国"]),
        ("学习党史", ["党史"]),
        ("省第十二次党代表大会", ["省第十二次党代表大会"]),  # composed (compose_meetings)
        ("抓好巡视整改", ["巡视整改"]),
        ("深化整改", ["整改"]),
        ("严厉惩治腐败", ["腐败"]),
        ("发展县城经济", ["县城"]),
        ("推进种业振兴", ["推进", "种业振兴"]),
        ("乡村民宿", ["民宿"]),
        ("同比增长5%", ["同比增长"]),
        ("同比持平", ["同比"]),
        ("前三季度", ["前三季度"]),  # not 三季度 inside it
        ("第二季度", ["第二季度"]),  # a variant of 二季度
        ("规模以上工业企业利润", ["规模以上工业企业利润"]),
        ("地表水水质优良比例", ["地表水水质优良比例"]),
        ("劣Ⅴ类水体", ["劣Ⅴ类"]),
        ("扩大内需", ["扩大内需"]),
        ("提振内需", ["内需"]),
        ("发展人权事业", ["人权"]),
        ("维护宪法和基本法确定的宪制秩序", ["宪法", "基本法", "宪制秩序"]),
        ("北约东扩", ["北约"]),
        ("各级林长", ["林长"]),
        ("转变作风", ["作风"]),
        ("心系群众", ["群众"]),
        ("北大学子", ["北大"]),
        ("加强海军建设", ["海军"]),
        ("欢度春节", ["春节"]),
        ("传承发展中医", ["中医"]),
        ("中俄外长会晤", ["中俄", "外长"]),
        ("西藏日喀则", ["西藏", "日喀则"]),
        ("内蒙古兴安盟", ["内蒙古", "兴安盟"]),
        ("外交部副部长", ["外交部副部长"]),
        ("工信部副部长", ["工信部副部长"]),
        ("高校毕业生", ["高校毕业生"]),
        ("“十四五”规划", ["“十四五”规划"]),
        ("中日两国", ["中日", "两国"]),
        ("刚果（金）", ["刚果（金）"]),
        ("中美洲国家", ["中美洲"]),  # not 中美 (China-US)
        ("外交部亚洲司", ["外交部", "亚洲司"]),
        ("马来西亚总理", ["马来西亚总理"]),  # 总理 alone is China's Premier
        ("召开两国元首会晤", ["两国元首"]),
        ("促进两岸交流", ["两岸交流"]),
        ("两岸经贸往来", ["两岸"]),
        ("海河流域", ["海河"]),
        ("红河哈尼族彝族自治州", ["红河哈尼族彝族自治州"]),
        # round 3: the everyday vocabulary of reports, where it is the word
        ("会议听取了工作报告", ["会议听取", "工作报告"]),
        ("审议通过有关决定", ["审议通过"]),  # not 通过 or 决定 alone (through; decide)
        ("全力推进项目建设", ["全力", "推进", "项目建设"]),
        ("切实落实惠民政策", ["切实", "落实", "惠民"]),
        ("有序开展走访慰问", ["有序", "开展", "走访慰问"]),
        ("为企业发展保驾护航", ["保驾护航"]),  # not 护航 (naval escort)
        ("大学生就业", ["大学生", "就业"]),
        ("坚持中国特色", ["中国特色"]),  # not 中国 + 特色
        ("发展特色产业", ["特色产业"]),
        ("社区居民", ["社区", "居民"]),
        ("老年人口", ["老年人口"]),  # not 老年人
        ("报告厅", ["报告厅"]),
        ("专家组", ["专家组"]),
        ("他在一线工作", ["在一线"]),
        ("全年粮食总产量", ["全年", "粮食总产量"]),
        ("近日前往", ["近日"]),
        # its characters inside another word: no term
        # round 3: short words of reports inside other words
        ("通过开展活动", ["开展"]),  # 通过 here is "by", not "adopt"
        ("他决定辞职", ["辞职"]),
        ("没办法，只能想办法", []),
        ("一线希望", []),
        ("一线生机", []),
        ("抓住窗口期", []),
        ("缴纳水电费", []),  # not hydropower
        ("水电工", []),
        ("决定性胜利", []),
        ("录取通知书", []),
        ("推进器", []),
        ("三日前往北京", ["北京"]),  # not 日前 (recently)
        ("节日前夕", []),
        ("全年龄段", []),
        ("收入囊中", []),
        ("高中生", []),
        ("电影院", []),
        ("人民生活水平不断提高", []),
        ("农村居民人均收入", ["农村居民", "人均收入"]),  # not 村居 inside it (人均收入 composed)
        ("年轻人大多外出", []),
        ("建立城市长效机制", []),
        ("着眼大局长远", []),
        ("推动农村长期稳定", []),
        ("保护黄河长江", ["黄河", "长江"]),  # not 河长 (river chief)
        ("十四五岁的孩子", []),
        ("街道整洁", []),
        ("班主任", []),
        ("主任医师", []),
        ("主席台就座", []),
        ("召开员工会议", []),
        ("创新区域协同", []),
        ("受当地委托", []),
        ("全国卫生", []),
        ("小组长期坚持", []),
        ("建设创新中国", []),
        ("调整改革方案", []),
        ("全县城乡居民", ["全县", "城乡居民"]),  # not 县城 inside it
        ("办理各种业务", []),
        ("居民宿舍", ["居民"]),  # not 民宿 inside it
        ("满足国内需要", []),
        ("保持相同比例", []),
        ("维护个人权益", []),
        ("保障公民个人权利", []),
        ("完善基本法律制度", []),
        ("位于县城东北约20公里", ["县城"]),
        ("森林长势良好", []),
        ("防范合作风险", []),
        ("保持创作风格", []),
        ("提高校园安全", []),
        ("东北大米", []),
        ("发展航空军工", []),
        ("新春节目", []),
        ("是非遗留问题", []),
        ("集中医学观察", ["集中医学观察"]),
        ("集中药品采购", []),
        ("集中医疗资源", []),
        ("在海外长期工作", []),
        ("大理石地面", []),
        ("5日本报讯", []),  # date + 本报讯, not Japan
        ("沿海地区", ["沿海地区"]),  # not Haiti
        ("增加纳税", []),  # not Ghana
        ("指南非常实用", []),  # not South Africa
        ("其中美国", []),  # not 中美
        ("中老年人", []),
        ("工作中越来越", []),
        ("伟大使命", []),  # not 大使
        ("全国会议", []),  # not 国会
        ("集中方式", []),  # not 中方
        ("中东部地区", []),  # not the Middle East
        ("司法国际合作", []),  # not France
        ("巴林右旗", ["巴林右旗"]),  # the banner (Bairin Right Banner), not Bahrain
        ("出兵国", ["出兵国"]),
        ("秧歌队", ["秧歌"]),
        ("直接民主选举", []),  # elect directly, not direct democracy
        ("决策过程民主", []),  # a democratic decision process, not process-oriented democracy
        ("过程民主和成果民主", ["过程民主", "成果民主"]),
        ("反对安全泛化", ["安全泛化"]),
        ("带领事业发展", []),  # not 领事
        ("长江两岸", []),  # river banks, not cross-Strait
        ("大运河两岸", []),
        ("全国债务", []),  # not 国债
        ("中华山河", []),  # not Mount Huashan
        ("开创发展局面", []),  # not Hong Kong's Development Bureau
        ("其余村民", []),  # not Yucun Village
        ("全国道德模范", ["全国道德模范"]),  # not 国道 (national highways)
        ("318国道", ["国道"]),
        ("平安阳光", []),
        ("夜空中的北斗星", []),
        # round 4: 市 + an organ beginning with 民 is not 市民 (citizen)
        ("市民政局副局长", ["市民政局副局长"]),
        ("市民宗局", ["市民宗局"]),
        ("广大市民积极参与", ["市民"]),
        # round 4: sector words where they are the word, and not inside others
        ("市民航拍了大桥", ["市民", "航拍"]),  # not 民航
        ("钢铁般的意志", []),  # no bare 钢铁 (iron and steel)
        ("价格跳水", []),
        ("他学会了开车", []),  # no bare 学会 (society)
        ("回落到", ["回落"]),
        ("加强人防建设", ["人防"]),
        ("人防工程", ["人防工程"]),  # civil air defense works (Beijing GWR 2020)
        ("这个街区", ["街区"]),
        ("很多人参加", []),  # not ginseng (人参)
        ("人参产业", ["人参"]),
        ("每天麻烦", []),  # not gastrodia (天麻)
        ("他走出去了", []),  # no bare 走出去 (go global): 中国企业走出去 only
        # round 5 (white papers and ministry pages): short terms only where they are the term
        ("企业招工难和就业难并存", ["招工难", "就业难"]),
        ("大学生就业难以解决", ["大学生", "就业"]),  # not 就业难 (difficulty in finding employment)
        ("举行拔河比赛", ["拔河"]),
        ("海拔河谷地带", []),  # altitude + river valley, not tug of war
        ("保障生存权", ["生存权"]),
        ("维护发展权益", []),  # rights and interests, not the right to development
        ("实现双普选", ["双普选"]),
        ("军控谈判", ["军控"]),
        ("世界第三极", ["第三极"]),
        ("第三极端组织", []),  # a third extremist group, not the third pole
        ("推进硬联通、软联通、心联通", ["推进", "硬联通", "软联通", "心联通"]),
        ("中心联通", []),  # center + connect, not people-to-people connectivity
        ("甲子年", ["甲子"]),
        (
            "国际贸易谈判代表兼副部长",
            ["国际贸易谈判代表兼副部长"],
        ),  # not a Party department's deputy head
        # round 5: programme formulations and their short parts, where they are the term
        ("破除地方保护", ["地方保护"]),
        ("地方保护区", []),  # a local reserve, not local protectionism
        ("扩大大宗消费", ["大宗消费"]),
        ("大宗消费品", []),  # bulk consumer goods, not big-ticket spending
        ("实行因城施策", ["因城施策"]),
        ("维护海洋权益", ["海洋权益"]),
        ("中国的民主党派", ["中国", "民主党派"]),  # no white-paper title in plain text
        ("反对“台独”分裂活动", ["“台独”分裂活动"]),
        ("中央农办负责人", ["中央农办", "负责人"]),
        (
            "中央农办主任",
            ["中央农办主任"],
        ),  # the post is an entry (SCIO 2022), abbreviation as variant
        # round 6: foreign-affairs vocabulary, where it is the term, and not inside others
        ("外交部长期以来高度重视", ["高度重视"]),  # the ministry has long …, not the minister
        ("国防部长期关注", []),
        ("这名干事长期从事宣传工作", []),  # a staff member, not a party secretary-general
        ("自民党干事长", ["自民党", "干事长"]),
        ("会议员工食堂", ["员工"]),  # not 议员
        ("他是一名议员", ["议员"]),
        ("交换意见箱", []),
        ("双方交换意见", ["双方", "交换意见"]),
        ("组成员国内", []),  # not 成员国
        ("各成员国一致同意", ["成员国"]),
        ("做出重大选择", []),  # not 大选
        ("两国互访频繁", ["两国", "互访"]),
        ("发展中蒙医药事业", []),  # Chinese and Mongolian medicine, not China-Mongolia
        ("在生活中泰然处之", []),
        # round 5 (Keywords, China Daily Language Tips, Qiushi): short terms where they are the term
        ("规范公权力运行", ["公权力"]),
        ("办公权力下放", []),  # office + power, not public power
        ("加强政治建设", ["政治建设"]),
        ("政治建设者", []),  # builders, not political building (not-term)
        ("严查蚁贪", ["蚁贪"]),
        ("渎职犯罪", ["渎职"]),
        ("监察部长期", ["监察部"]),  # the ministry has long …, not a minister of supervision
        ("存在利益冲突", ["利益冲突"]),
        ("司法协助请求", ["司法协助"]),
        ("存量政策和增量政策协同发力", ["存量政策", "增量政策"]),
        ("我国经济基本面没有变", ["经济基本面"]),
        ("经济基本面貌发生变化", []),  # 面貌 appearance, not the fundamentals
        ("优化配置各类生产要素", ["生产要素"]),
        # round 6 (statistics, rural, ecology compounds): short terms where they are the term
        ("大中型企业利润", ["大中型企业"]),  # not 中型企业 inside it
        ("中小型企业融资难", ["融资难"]),  # not 小型企业 inside it
        ("新鲜果蔬供应充足", []),  # 新鲜 fresh, not 鲜果 fresh fruits
        ("鲜菜价格上涨", ["鲜菜"]),
        ("高于临界点", ["临界点"]),
        ("工业生产指数上升", ["生产指数"]),
        ("专业店和品牌专卖店零售额增长", ["专业店", "品牌专卖店"]),
        ("企业专业店铺", []),  # not the retail format 专业店
        # round 6 (law, governance, HK/Macao/Taiwan, foreign affairs): short terms where they are the term
        ("贯彻审计法", ["审计法"]),
        ("修订审计法规", ["审计", "法规"]),  # audit regulations, not the Audit Law
        ("修改计量法", ["计量法"]),
        ("采用计量方法", ["计量"]),  # a method, not the Metrology Law
        ("依法特赦罪犯", ["特赦", "罪犯"]),
        ("深化对台工作", ["对台工作"]),
        ("禁止官方往来", ["官方往来"]),
        ("制造“两个中国”", ["两个中国"]),
        ("两个中国人在开会", []),  # two Chinese people, not the two-Chinas formula (not-term)
        ("办理落地签证", ["落地签证"]),  # visa on arrival, not 落地 (be implemented)
        ("警务处处长表示", ["警务处处长"]),  # Commissioner of Police, not a division director
        ("坚持依法治省", ["依法治省"]),
        ("市委全面依法治市委员会", ["市委全面依法治市委员会"]),  # composed with 市委
        ("推进依法治市场监管", ["推进", "市场监管"]),  # 依法 + 治: no 法治; not 依法治市
        ("加强网络立法", ["网络立法"]),
        # round 6 (Party building and discipline: campaigns, cadre work, meetings): short terms
        ("坚决清除害群之马", ["害群之马"]),
        ("严查由风及腐问题", ["由风及腐"]),
        ("中管高校党委", ["中管高校", "党委"]),
        ("认真撰写对照检查材料", ["对照检查"]),
        ("用党的创新理论凝心铸魂", ["凝心铸魂"]),
        ("推动干部能上能下、能进能出", ["干部能上能下、能进能出"]),
        ("坚决整治形式主义、官僚主义", ["形式主义、官僚主义"]),
        ("坚持制度治党、依规治党", ["制度治党、依规治党"]),
        ("加强政治训练", ["政治训练"]),
        ("政治训练营", []),  # a training camp: the word boundary keeps the term out
        ("打击地下钱庄", ["地下钱庄"]),
        ("严查中管干部违纪违法问题", ["中管干部", "违纪违法问题"]),
        # round 6 (local government reports and keywords): short terms where they are the term
        ("提供助餐、助医、助急服务", ["助餐", "助医", "助急"]),
        ("老人在自助餐厅吃饭", []),  # a buffet, not meal assistance
        ("帮助急需资金的企业", []),  # help + urgent, not emergency assistance
        ("推进城市副中心建设", ["推进", "城市副中心"]),
        ("太庙和社稷坛", ["太庙", "社稷坛"]),
        ("神仓开放", ["神仓"]),
        ("精神仓库", []),  # spirit + warehouse, not the Divine Granary
        ("增加水资源战略储备", ["水资源战略储备"]),  # not water resources + strategy composed
        ("三河市市场监管局", ["三河市", "市场监管局"]),
        ("三河市场", []),  # not Sanhe City (not-term)
        # round 6 (everyday nouns of reports: people, households, honours, meetings, idioms)
        ("驻村工作队员走访监测户", ["驻村工作队员", "走访", "监测户"]),
        ("选派第一书记和工作队", ["第一书记", "工作队"]),
        ("壮大统计工作队伍", []),  # the workforce, not a working team (not-term)
        ("授予共和国勋章和友谊勋章", ["共和国勋章", "友谊勋章"]),
        ("瞻仰人民英雄纪念碑", ["人民英雄纪念碑"]),
        (
            "严以修身、严以用权、严以律己",
            ["严以修身", "严以用权", "严以律己"],
        ),  # verb phrases: no list
        ("鼓励大学生创业要实现", ["大学生", "创业"]),  # not 创业要实 (the Three Earnests)
        ("设置综合窗口和专门窗口", ["综合窗口", "专门窗口"]),
        ("村里建起农村幸福院", ["农村幸福院"]),  # a variant of 幸福院
        ("打造幸福院落", ["打造"]),  # courtyards, not a happiness home
        ("市关工委组织五老宣讲", ["市关工委", "五老", "宣讲"]),  # composed with 市
        ("登上庐山五老峰", ["庐山"]),  # a peak, not the five kinds of retirees (not-term)
        ("聘请生态护林员", ["生态护林员"]),
        ("弘扬“两路”精神", ["“两路”精神"]),
        ("推进中国精神文明建设", ["推进", "中国", "精神文明建设"]),  # not 中国精神
        ("提振全民族精神面貌", []),  # the nation's outlook, not 民族精神 (not-term)
        ("弘扬以爱国主义为核心的民族精神", ["民族精神"]),
        ("担任联席会议召集人", ["联席会议", "召集人"]),
        ("建立部际联席会议制度", ["部际联席会议制度"]),
        ("发展壮大农村集体经济组织", ["农村集体经济组织"]),
        ("坚持打铁还需自身硬", ["打铁还需自身硬"]),
        ("问候志愿者、志愿服务组织、志愿服务工作者", ["志愿者", "志愿服务组织", "志愿服务工作者"]),
        # round 6 (people's congresses, CPPCC, defense): short terms where they are the term
        ("各军种兵种协同", ["军种", "兵种"]),
        ("士兵种菜", []),  # soldiers grow vegetables, not an arm of a service (not-term)
        ("官兵种树", []),
        ("进军种植业", []),  # not 军种 inside 进军 + 种植业
        ("加强后备力量建设", ["后备力量"]),
        ("市政协召开专题协商会", ["市政协", "专题协商会"]),
        ("加强跟踪监督", ["跟踪监督"]),
        ("全国人大各专门委员会", ["全国人大", "专门委员会"]),
        ("中央军委联合参谋部", ["中央军委联合参谋部"]),  # a variant of 军委联合参谋部
        ("各选区选民登记", ["选区", "选民登记"]),
        ("挑选区县干部", ["干部"]),  # select district and county officials (not-term)
        ("广大选民", ["选民"]),
        # round 7 (China Daily's word of the day and trending words): short terms
        ("抵制占中", ["占中"]),
        ("占中国经济总量的比重", ["经济总量", "比重"]),  # 占 + 中国, not Occupy Central
        ("香港黑暴事件", ["香港", "黑暴"]),
        ("严厉打击涉黑暴力犯罪", ["涉黑"]),  # not 黑暴 inside 涉黑 + 暴力
        ("维护生态安全", ["生态安全"]),
        ("防治沙漠化", ["沙漠化"]),
        ("载人飞船发射成功", ["载人飞船"]),
        ("一带一路五通", ["一带一路", "五通"]),
        ("乐山市五通桥区", ["乐山市"]),  # Wutongqiao District (not-term)
        ("实现五通一平", []),  # site preparation (not-term)
        ("参加新农合", ["新农合"]),
        ("创新农合作模式", []),  # 创新 + 农 + 合作, not 新农合
        # round 7 (quoted expressions and numbered formulas)
        ("“天网2024”行动启动", ["天网"]),  # the campaign and its year
        ("天网恢恢，疏而不漏", []),  # the proverb, not Sky Net
        ("整治躺平式干部", ["躺平式干部"]),
        ("严控一票否决事项", ["一票否决"]),
        ("推动质量变革、效率变革、动力变革", ["质量变革、效率变革、动力变革"]),
        ("统筹两个大局", ["统筹", "两个大局"]),
        ("聚焦“三区三州”等深度贫困地区", ["聚焦", "三区三州", "深度贫困地区"]),
    ],
)
def test_short_terms_match_only_as_terms(
    real_glossary: Glossary, text: str, terms: list[str]
) -> None:
    assert [m.surface for m in match(text, real_glossary)] == terms


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("部长", "head"),  # a local department's head far more often than a minister
        ("副部长", "deputy head"),
        ("外交部副部长", "vice foreign minister"),  # ministry posts are compound entries
        ("财政部部长", "Minister of Finance"),
        ("实事求是", "seek truth from facts"),
        ("疫情", "epidemic"),
        ("社区", "community"),
        ("书记", "secretary"),
        ("主任", "director"),
        ("街道", "subdistrict"),
        ("全力", "with all-out efforts"),  # before a verb: 全力推进
        ("特色", "distinctive"),  # attributive: 特色产业
        ("意见", "opinions"),  # the document type and views alike
        ("报告", "report"),  # noun and verb alike
        ("窗口", "window"),
        ("国家卫生健康委员会主任", "minister of the National Health Commission"),  # SCIO English
        (
            "国家发展和改革委员会副主任",
            "vice chairman of the National Development and Reform Commission",
        ),
    ],
)
def test_generic_terms_keep_their_house_rendering(
    real_glossary: Glossary, zh: str, en: str
) -> None:
    assert real_glossary.entries[zh].en == en


def test_shipped_glossary_keeps_the_house_rules() -> None:
    """scripts/glossary_pinyin.py check: known categories, notes filled, zh unique across files,
    house renderings provisional, every pinyin syllable a reading of its character."""
    script = ROOT / "scripts" / "glossary_pinyin.py"
    result = subprocess.run(
        [sys.executable, str(script), "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert result.stdout.rstrip().endswith("OK")


# A source a reader can follow names a year (a document, or Xinhua English with the years it
# used the rendering), or is a URL, or says house rendering.
FOLLOWABLE = re.compile(r"\b(?:1[89]|20)\d\d\b|https?://|^house rendering$")


def followable(source: str) -> bool:
    return any(FOLLOWABLE.search(part.strip()) for part in source.split(";"))


def test_every_source_names_a_document_and_year_or_a_url() -> None:
    vague = [
        f"{path.name}:{row.line}: {row.fields['zh']}: {row.fields['source']}"
        for path in sorted((ROOT / "glossary").glob("*.tsv"))
        for row in read_rows(path)
        if not followable(row.fields["source"])
    ]
    assert vague == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Xinhua English", False),
        ("GWR2015; Xinhua English", False),
        ("Xinhua English (2018-2024)", True),
        ("Report to the 20th CPC National Congress (English, 2022)", True),
        ("http://en.people.cn/n3/2024/0404/c90000-20153224.html", True),
        ("house rendering", True),
    ],
)
def test_the_source_rule_can_fail(source: str, expected: bool) -> None:
    assert followable(source) is expected


# --- TBX export: valid TBX-Basic -----------------------------------------------------------------

TBX_RNG = {  # RELAX NG subsets of the TBX-Basic content model, one per form
    "tbx": ROOT / "tests" / "tbx_basic_2008_subset.rng",
    "tbx3": ROOT / "tests" / "tbx_v3_basic_subset.rng",
}
TERM_SECTIONS = ("termSec", "tig")
ENTRIES = ("conceptEntry", "termEntry")


def tbx_errors(text: str, fmt: str = "tbx") -> list[str]:
    """Problems of a TBX document: RELAX NG (the TBX-Basic content model of `fmt`'s form,
    tests/tbx_*_subset.rng) plus the TBX-Basic Schematron rules that apply to what we write."""
    from lxml import etree

    schema = etree.RelaxNG(etree.parse(str(TBX_RNG[fmt])))
    root = etree.fromstring(text.encode())
    errors = [] if schema.validate(root) else [str(e) for e in schema.error_log]
    for element in root.iter():
        parent = (
            etree.QName(element.getparent()).localname if element.getparent() is not None else ""
        )
        if etree.QName(element).localname == "termNote" and parent not in TERM_SECTIONS:
            errors.append("termNote outside a term section")
        if element.get("type") == "subjectField" and parent not in ENTRIES:
            errors.append("subjectField outside the entry")
        if element.get("type") == "":
            errors.append("empty type")
    return errors


@pytest.mark.parametrize("fmt", ["tbx", "tbx3"])
def test_shipped_glossary_exports_as_valid_tbx_basic(real_glossary: Glossary, fmt: str) -> None:
    from bilingual.terms.files import export_text

    assert tbx_errors(export_text(real_glossary.entries.values(), fmt), fmt) == []


@pytest.mark.parametrize(
    ("fmt", "old", "new"),
    [
        ("tbx3", 'style="dca"', 'style="dct"'),
        ("tbx", 'type="TBX-Basic"', 'type="TBX"'),
        ("tbx", "<martif ", '<martif xmlns="urn:iso:std:iso:30042:ed-1" '),  # OmegaT refuses it
        ("tbx", "TBXBasicXCSV02.xcs", "TBXXCSV02.xcs"),
        *[
            (
                fmt,
                '<termNote type="administrativeStatus">preferredTerm',
                '<termNote type="status">x',
            )
            for fmt in ("tbx", "tbx3")
        ],
        *[
            (fmt, '<descrip type="subjectField">', '<descrip type="category">')
            for fmt in ("tbx", "tbx3")
        ],
        # auxiliary info before the termNote
        *[(fmt, "</term>", "</term><note>first</note>") for fmt in ("tbx", "tbx3")],
    ],
)
def test_the_tbx_check_can_fail(fmt: str, old: str, new: str) -> None:
    from bilingual.terms.files import export_text
    from bilingual.terms.glossary import Entry

    text = export_text([Entry("党费", "Party membership dues", category="party")], fmt)
    assert old in text and tbx_errors(text, fmt) == []
    assert tbx_errors(text.replace(old, new, 1), fmt) != []


def test_tbx_export_drops_control_characters_and_refuses_an_empty_glossary() -> None:
    from bilingual.errors import GlossaryError
    from bilingual.terms.files import export_text
    from bilingual.terms.glossary import Entry

    for fmt in ("tbx", "tbx3"):
        text = export_text([Entry("党费", "Party\x01 dues", note="a\x0bb")], fmt)
        assert tbx_errors(text, fmt) == [] and "Party dues" in text
    with pytest.raises(GlossaryError, match="No terms to export"):
        export_text([], "tbx")
