"""Tables for names.py: Han surnames and their readings, place generics, known toponyms.

Hand-made from GB/T 28039-2011 (person names), GB/T 16159-2012 (place names) and the
State Council's list of provincial-level divisions; toponyms cover the provinces, their
capitals, large cities and the places of the project's sample page. Extend by adding
`place` entries to the glossary rather than this file: glossary entries win.
"""

from __future__ import annotations

# The common single-character Han surnames (roughly the 400 most frequent), used to tell a
# Han name (surname + given name) from a name transcribed syllable by syllable (Tibetan,
# Uyghur and other minority names such as 旦正措) and to split run-together bylines.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史"
    "陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷"
    "詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳"
    "管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花"
    "权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄"
    "邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干尉"
    "冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪习"
)

# Readings of surnames that differ from the character's most common reading as a word.
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "覃": "qin", "朴": "piao",
    "仇": "qiu", "查": "zha", "盖": "ge", "缪": "miao", "翟": "zhai", "乐": "yue",
    "尉": "wei", "员": "yun", "贲": "ben", "秘": "bi", "种": "chong", "繁": "po",
    "句": "gou", "隗": "wei", "召": "shao", "谌": "chen", "冼": "xian", "洗": "xian",
    "万": "wan", "沈": "shen", "石": "shi", "薄": "bo", "柏": "bai", "都": "du",
    "相": "xiang", "应": "ying", "宿": "su", "强": "qiang", "牟": "mou", "葛": "ge",
    "卜": "bu", "折": "she", "长": "chang", "任": "ren", "华": "hua", "燕": "yan",
    "纪": "ji", "宁": "ning", "过": "guo", "能": "nai", "祭": "zhai", "阚": "kan",
    "蕃": "pi", "訾": "zi", "藉": "ji", "朝": "chao", "便": "pian", "亓": "qi",
    "鲜": "xian", "那": "na", "盛": "sheng", "曲": "qu", "重": "chong", "和": "he",
}  # fmt: skip

# Readings of characters in given names where pypinyin, reading them as common words, picks
# the other one: 长 in 杨长亚 and 张长弓 is chang (as in 李长春), 朝 in 张朝阳 is chao.
GIVEN_NAME_READINGS = {"长": "chang", "朝": "chao"}

COMPOUND_SURNAMES = {
    "欧阳": "ouyang", "司马": "sima", "尉迟": "yuchi", "万俟": "moqi", "上官": "shangguan",
    "诸葛": "zhuge", "东方": "dongfang", "皇甫": "huangfu", "令狐": "linghu",
    "公孙": "gongsun", "慕容": "murong", "长孙": "zhangsun", "宇文": "yuwen",
    "司徒": "situ", "夏侯": "xiahou", "轩辕": "xuanyuan", "澹台": "tantai",
    "端木": "duanmu", "西门": "ximen", "南宫": "nangong", "独孤": "dugu", "呼延": "huyan",
    "单于": "chanyu", "申屠": "shentu", "公冶": "gongye", "闻人": "wenren",
    "赫连": "helian", "濮阳": "puyang", "太史": "taishi", "钟离": "zhongli",
    "拓跋": "tuoba", "百里": "baili", "东郭": "dongguo", "司空": "sikong", "第五": "diwu",
}  # fmt: skip

# Generic terms of places (GB/T 16159: the proper name is romanised, the generic translated).
GENERICS = {
    "特别行政区": "Special Administrative Region", "自治区": "Autonomous Region",
    "自治州": "Autonomous Prefecture", "自治县": "Autonomous County", "街道": "Subdistrict",
    "社区": "Community", "省": "Province", "市": "City", "县": "County", "区": "District",
    "镇": "Town", "乡": "Township", "村": "Village", "州": "Prefecture", "旗": "Banner",
    "盟": "League",
}  # fmt: skip

# Ethnic groups in the names of autonomous areas (玉树藏族自治州, 广西壮族自治区).
ETHNIC_GROUPS = {
    "藏族": "Tibetan", "回族": "Hui", "蒙古族": "Mongolian", "壮族": "Zhuang",
    "维吾尔": "Uygur", "苗族": "Miao", "瑶族": "Yao", "彝族": "Yi", "土家族": "Tujia",
    "侗族": "Dong", "布依族": "Bouyei", "哈萨克": "Kazak", "哈萨克族": "Kazak",
    "朝鲜族": "Korean", "满族": "Manchu", "白族": "Bai", "傣族": "Dai", "黎族": "Li",
    "羌族": "Qiang", "哈尼族": "Hani", "傈僳族": "Lisu", "景颇族": "Jingpo", "土族": "Tu",
    "撒拉族": "Salar", "东乡族": "Dongxiang", "保安族": "Bonan", "水族": "Shui",
    "仫佬族": "Mulao", "毛南族": "Maonan", "仡佬族": "Gelao", "佤族": "Va", "拉祜族": "Lahu",
    "纳西族": "Naxi", "普米族": "Pumi", "怒族": "Nu", "独龙族": "Derung", "畲族": "She",
    "裕固族": "Yugur", "锡伯族": "Xibe", "达斡尔族": "Daur", "鄂温克族": "Ewenki",
    "鄂伦春族": "Oroqen", "柯尔克孜族": "Kirgiz", "塔吉克族": "Tajik",
}  # fmt: skip

# The generics that `names_in` accepts after a known toponym (the short, unambiguous ones).
TEXT_GENERICS = ("省", "市", "县", "区", "镇", "乡", "州")

# Proper names of places whose romanisation needs no guessing. Spellings follow official
# usage where it departs from plain pinyin (陕西 Shaanxi, 内蒙古 Inner Mongolia).
TOPONYMS = {
    "北京": "Beijing", "天津": "Tianjin", "上海": "Shanghai", "重庆": "Chongqing",
    "河北": "Hebei", "山西": "Shanxi", "辽宁": "Liaoning", "吉林": "Jilin",
    "黑龙江": "Heilongjiang", "江苏": "Jiangsu", "浙江": "Zhejiang", "安徽": "Anhui",
    "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong", "河南": "Henan",
    "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong", "海南": "Hainan",
    "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan", "陕西": "Shaanxi",
    "甘肃": "Gansu", "青海": "Qinghai", "台湾": "Taiwan", "内蒙古": "Inner Mongolia",
    "广西": "Guangxi", "西藏": "Xizang", "宁夏": "Ningxia", "新疆": "Xinjiang",
    "香港": "Hong Kong", "澳门": "Macao",
    "石家庄": "Shijiazhuang", "太原": "Taiyuan", "沈阳": "Shenyang", "长春": "Changchun",
    "哈尔滨": "Harbin", "南京": "Nanjing", "杭州": "Hangzhou", "合肥": "Hefei",
    "福州": "Fuzhou", "南昌": "Nanchang", "济南": "Jinan", "郑州": "Zhengzhou",
    "武汉": "Wuhan", "长沙": "Changsha", "广州": "Guangzhou", "海口": "Haikou",
    "成都": "Chengdu", "贵阳": "Guiyang", "昆明": "Kunming", "西安": "Xi'an",
    "兰州": "Lanzhou", "西宁": "Xining", "呼和浩特": "Hohhot", "南宁": "Nanning",
    "拉萨": "Lhasa", "银川": "Yinchuan", "乌鲁木齐": "Urumqi", "深圳": "Shenzhen",
    "厦门": "Xiamen", "青岛": "Qingdao", "大连": "Dalian", "宁波": "Ningbo",
    "苏州": "Suzhou", "延安": "Yan'an", "井冈山": "Jinggangshan", "雄安": "Xiong'an",
    # places of the sample page
    "玉树": "Yushu", "忻州": "Xinzhou", "忻府": "Xinfu", "偏关": "Pianguan",
    "定襄": "Dingxiang", "蒋村": "Jiangcun", "蒙城": "Mengcheng", "岳坊": "Yuefang",
    "铜川": "Tongchuan", "盐城": "Yancheng", "盐都": "Yandu", "泉州": "Quanzhou",
    "鲤城": "Licheng", "永州": "Yongzhou", "江华": "Jianghua",
}  # fmt: skip

# Words that end a job title or role: a person name often follows them directly.
TITLES = (
    "书记", "副书记", "主任", "副主任", "组长", "副组长", "部长", "副部长", "成员", "委员",
    "常委", "市长", "副市长", "县长", "副县长", "区长", "镇长", "乡长", "村长", "省长",
    "局长", "处长", "科长", "主席", "秘书长", "院长", "校长", "厂长", "队长", "会长",
    "干警", "民警", "网格员", "会员", "记者", "通讯员", "医生", "护士", "志愿者", "代表",
    "经理", "董事长", "总经理", "社长", "站长", "所长", "支书", "主编", "作者",
)  # fmt: skip

# Words that may follow a person's name in running text.
AFTER_NAME = (
    "同志", "介绍", "说", "表示", "指出", "强调", "认为", "告诉", "家", "先后", "每天",
    "带领", "等", "在", "，", "。", "、", "：", "（", "）", " ",
)  # fmt: skip

# Role words in bylines and datelines that are not part of a name.
BYLINE_NOISE = ("本报讯", "本报记者", "特约记者", "通讯员", "记者", "本报", "文/", "图/")

# Elements of Tibetan, Uyghur and Mongolian personal names as Chinese transcribes them (from
# the common names of those languages; the established English of well-known figures is in
# glossary/people.tsv). A name made wholly of these is a transcription: its parts are kept
# apart (扎西顿珠 → Zhaxi Dunzhu) and it is flagged `name-unverified`, because its English
# comes from the native language (Tashi Dhondup), not from the characters.
_TRANSCRIBED = (
    # Tibetan
    "扎西 次仁 多吉 顿珠 旦增 卓玛 央金 拉姆 格桑 索朗 尼玛 达瓦 平措 阿旺 晋美 洛桑 丹增 "
    "才让 德吉 桑杰 益西 白玛 仁青 加措 嘉措 贡布 边巴 普布 次旦 巴桑 米玛 旺堆 旺姆 曲珍 "
    "德央 琼达 央宗 次珍 达娃 强巴 罗布 土登 江村 赤列 群培 拉巴 多布杰 仁增 坚参 措姆 "
    "卓嘎 格勒 洛桑江村 向巴 赤林 泽登 嘎玛 "
    # Uyghur and other Turkic names
    "买买提 艾力 阿不都 热合曼 吐尔逊 古丽 阿依 努尔 依明 帕尔哈提 迪丽 热巴 艾买提 阿布都 "
    "阿卜杜 克力木 热依拉 吾斯曼 玉素甫 司马义 艾合买提 阿里木 买合木提 吐尼亚孜 艾尔肯 "
    "雪克来提 扎克尔 努尔兰 库尔班 吐鲁木 依力哈木 热孜万 米日古丽 阿依古丽 帕提古丽 "
    "加孜拉 哈力克 牙生 肉孜 托合提 塔依尔 阿吉 巴拉提 "
    # Mongolian
    "巴特尔 乌兰 其其格 宝音 额尔敦 那顺 孟和 布和 苏和 巴雅尔 斯琴 图雅 朝鲁 敖其尔 乌力吉 "
    "呼和 阿拉坦 巴图 德力格尔 额尔德尼 格日勒 哈斯 萨仁 乌云 高娃 达来 图门 满都拉 "
    "吉日嘎拉 白音 仓 布仁 那日苏 巴根 特木尔 铁木尔 朝克 包 宝力道 达赖 阿古拉"
)
TRANSCRIBED_PARTS = frozenset(_TRANSCRIBED.split())
