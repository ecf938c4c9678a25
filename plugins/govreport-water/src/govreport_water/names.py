"""Name patterns: named works (北大港水库, 杨柳青水厂, 引滦) and named waters (永定河).

A name is one to four Han characters and a suffix that says what the thing is: ``…水库`` is a
reservoir, ``…河`` a river. The hard part is where a name starts: ``完成黄港一库围堤除险加固``
must give 黄港一库, not 完成黄港一库. So every pattern has :data:`NAME_START`: a name starts
right after punctuation, a line start or one of the :data:`BEFORE_NAME` words (verbs,
prepositions, scope and generic words), and never with one of those words.

The list is the weak point. A name after a word it lacks is missed when word and name together
are longer than four characters, and swallows the word when they are not (``计划北塘水库`` if
计划 were not listed). So it lists the words reports put before works and waters, by role; add
to it, not a rule for one sentence, when a name comes out wrong.

Generic nouns with the same suffixes (水库, 病险水库, 净水厂, 排水泵站 …) are entries in
:mod:`govreport_water.terms`: where an entry and a name cover the same text, the entry wins.

Named works are ``projects``, named waters ``rivers-lakes``; the subtype says what they are.
Every pattern is linear: bounded repeats of single characters and fixed-width look-arounds.
Each suffix is written with its first character first (``河(?<!拔河)``, not ``(?<!拔)河``) and is
also the pattern's anchor: the extractor looks for suffixes in the pass that finds the terms
and tries a pattern only one to four characters before one, instead of at every position.
"""

from __future__ import annotations

from govreport.model import NamePattern
from govreport.model.vocabulary import NameStart
from govreport_water.terms import NAMED

BEFORE_NAME: tuple[str, ...] = (
    # prepositions, particles and function words
    "向", "对", "在", "与", "及", "同", "把", "将", "从", "由", "为", "至", "到", "经", "以",
    "的", "了", "是", "并", "或", "等", "各", "每", "该", "其", "如", "即", "已", "均", "也",
    "又", "仍", "就", "被", "使", "往", "自", "沿", "跨", "年",
    "位于", "流经", "经由", "通过", "依托", "围绕", "结合", "利用", "以及", "其中", "同时",
    "包括", "例如", "比如", "涉及", "覆盖", "还有", "特别", "尤其", "对于", "关于", "针对",
    "按照", "根据", "依据", "依照", "借助", "沿着", "连同", "除了",
    # administrative units and measure words (天津市北大港水库, 3座泵站)
    "省", "市", "区", "县", "镇", "乡", "村", "座", "处", "条", "个", "项",
    # verbs that take a work or a water as their object
    "完成", "推进", "推动", "实施", "开展", "加快", "加强", "建设", "新建", "扩建", "改建",
    "续建", "修建", "兴建", "迁建", "重建", "建成", "建立", "设立", "成立", "新增", "开挖",
    "开工", "启动", "谋划", "规划", "计划", "编制", "批复", "审批", "验收", "移交", "接管",
    "投运", "运营", "运行", "启用", "关停", "拆除", "搬迁", "落实", "做好", "抓好", "确保",
    "保证", "保障", "保护", "修复", "治理", "整治", "清理", "疏浚", "清淤", "加固", "维修",
    "维护", "养护", "整修", "修缮", "升级", "改造", "改善", "提升", "优化", "完善", "健全",
    "强化", "巩固", "巡查", "检查", "排查", "督导", "监测", "观测", "监管", "调度", "运用",
    "管理", "配合", "组织", "协调", "实现", "打造", "形成", "开通", "连通", "贯通", "打通",
    "疏通", "联通", "恢复", "保持", "划定", "公布", "命名", "申报", "创建", "推广",
    "汇入", "注入", "引入", "调入", "流入", "排入", "进入", "补给", "补水", "输水", "供水",
    "蓄水", "放水", "泄水", "引水", "取水", "调水", "穿越", "跨越",
    # adverbs
    "持续", "全面", "深入", "扎实", "加大", "深化", "积极", "有序", "稳步", "全力", "着力",
    "大力", "加紧", "抓紧", "相继", "陆续", "分别", "共同", "依法", "科学", "严格", "统筹",
    "先后", "率先", "首次", "已经", "正在", "继续", "逐步", "不断", "切实", "有效", "及时",
    "进一步",
    # time words
    "年底", "年初", "年内", "全年", "今年", "明年", "去年", "目前", "当前", "近年", "期间",
    "汛前", "汛后", "汛期",
    # scope and place words
    "全市", "全区", "全县", "全省", "全国", "本市", "我市", "我区", "各区", "各类", "各级",
    "市级", "区级", "县级", "城区", "城市", "城镇", "农村", "乡镇", "中心城区", "上游",
    "下游", "沿线", "周边", "流域", "境内", "沿岸", "两岸", "干流", "支流", "入境", "出境",
    # generic modifiers of works (病险水库, 大中型水库, 城镇污水处理厂)
    "大型", "中型", "小型", "大中型", "中小型", "重点", "主要", "重要", "骨干", "病险", "调蓄",
    "小一型", "小二型", "平原", "山区", "地下", "现有", "在建", "全部", "所有", "部分", "其他",
    "相关", "生活", "工业", "园区", "集中", "一体化", "灌溉", "人工", "景观",
)  # fmt: skip
"""Words that may stand right before a name and never begin one."""

JOINERS: tuple[str, ...] = ("和",)
"""Words that join two names (永定河和北运河) but also begin some (和平区): after a word they
join, after punctuation they may begin a name. 和 never opens a clause, so that is safe."""

_PUNCTUATION = "，。、；：！？“”‘’（）《》〈〉【】「」『』—…·,.;:!?()[]"

NAME_CHAR = r"(?:(?![的了与及或等在是])[\u4e00-\u9fff])"
"""One character of a name: Han, but not a particle that only joins words (的, 与, 等 …)."""

# A known name (长江, 南水北调) may stand right before another (长江黄河) and never begins one.
NAME_START = NameStart(BEFORE_NAME + tuple(NAMED), JOINERS, _PUNCTUATION)
"""Where a name may start: after a line start or punctuation, or after one of the listed words
or joiners but not at a joiner; never at one of the words nor inside one (the 底 of 年底
follows 年, which is a word too)."""

START = NAME_START.pattern()
"""The same test as look-arounds, for reading: what a name pattern would begin with."""


def _name(
    suffixes: tuple[str, ...], subtype: str, *, category: str = "projects", shortest: int = 2
) -> NamePattern:
    """A pattern for ``shortest`` to four name characters followed by one of ``suffixes``."""
    return NamePattern(
        f"{NAME_CHAR}{{{shortest},4}}(?:{'|'.join(suffixes)})",
        category,
        subtype,
        start=NAME_START,
        anchors=suffixes,
        anchor_offsets=(shortest, 4),
    )


# 引滦入津, 引江济淮 …; written from 引 on, it is its own anchor.
_DIVERSION = (
    r"引(?<![吸指援牵索导招勾]引)"
    r"(?:[滦江黄汉大淮洮嫩绰沁丹雅](?:[入济补](?!水)[\u4e00-\u9fff]){1,2}|[滦江黄])"
)

NAME_PATTERNS: tuple[NamePattern, ...] = (
    # 北大港水库; 黄港一库, 黄港二库 (a reservoir in two basins is numbered; 三库, 四库 are
    # more often groups of stores: 森林四库).
    _name(("水库", "一库", "二库"), "reservoir"),
    # 引滦原水预处理厂, 东郊污水处理厂; before 水厂, which would also match 再生水厂.
    _name(("污水处理厂", "污水厂", "再生水厂", "预处理厂"), "treatment-plant"),
    # 杨柳青水厂, 凌庄净水厂; a sewage or reclaimed-water plant is a treatment plant.
    _name(("水(?<!污水)(?<!再生水)厂",), "water-plant"),
    _name(("泵站",), "pumping-station"),
    # 屈家店闸; 开闸/关闸 are actions, 闸门 is a gate.
    _name(("闸(?<![开关提落]闸)(?!门)",), "sluice"),
    # 三峡水利枢纽, 嘉陵江航电枢纽; a bare 枢纽 is as often a transport or data hub.
    _name(("水利枢纽", "航电枢纽"), "hub"),
    _name(("总干渠", "干渠"), "canal"),
    # 永定河, 海河, 北京排水河. 河 starts many words: not 拔河, 巡河, 入河 or 母亲河 (a figure
    # of speech), and not the first character of 河道, 河湖, 河长, 河段, 河流 (but 河流域 is a
    # river's basin: 海河流域).
    _name(
        (
            "河(?<![拔巡入沿跨治渡过界内江山银星冰一]河)(?<!母亲河|护城河)"
            "(?!道|湖|长|段|流(?!域)|网|系|床|小|务)",
        ),
        "river",
        category="rivers-lakes",
        shortest=1,
    ),
    # 太湖, 东丽湖; not the 湖 of 河湖 or 江湖, nor 湖长, 湖泊, 湖库.
    _name(("湖(?<![河江]湖)(?![长泊库])",), "lake", category="rivers-lakes", shortest=1),
    # Diversions by source and destination: 引滦入津, 引江济淮, 引黄入冀补淀, 引大济岷, and the
    # bare 引滦, 引江, 引黄 (引江补水 is supply from 引江, not a diversion named 引江补水).
    # No start: they follow any word; only 吸引, 指引 … end in 引 without starting a diversion.
    NamePattern(_DIVERSION, "projects", "diversion", anchors=(_DIVERSION,)),
)
"""Patterns for named works and waters, tried after the entries."""
