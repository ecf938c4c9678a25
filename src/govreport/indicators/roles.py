"""Role cues: the words of a sentence, a heading and a paragraph that make a figure a target,
a forecast or a result (the annotation guide; domain reference §2.1)."""

from __future__ import annotations

import re

from govreport.model import Role

FORECAST = re.compile(r"预计|预估|有望|估计|预测")
"""An estimate for a period not closed yet."""
TARGET = re.compile(r"力争|目标|预期|确保|争取|计划(?!生育|单列)|拟|控制在|奋斗")
"""A goal for a coming period."""
PLAN_HEADING = re.compile(
    r"目标|安排|计划|思路|打算|建议|总体要求|取向|下一步|工作任务|展望|部署|重点任务|努力方向"
)
"""A heading of a part that sets goals (二、2024年经济社会发展总体要求和政策取向)."""
REVIEW_HEADING = re.compile(r"回顾|成效|成绩|成果|总结|过去|完成情况|进展|主要工作")
"""A heading of a part that reviews what was done (一、2023年工作回顾)."""
PLAN_PARAGRAPH = ("下一步", "今后", "明年", "新的一年", "来年")
"""Words where a paragraph turns to what comes next (…等问题。下一步，…): looked for with
``str.find`` (a search by their first characters reads each character of the paragraph)."""
FUTURE_YEAR = re.compile(r"(?:到|至)(\d{4})年")
"""A year a goal is set for (到2027年…达到)."""


def heading_role(title: str) -> Role | None:
    """The role a heading gives the figures of its part, if its words say."""
    if REVIEW_HEADING.search(title):
        return Role.ACTUAL
    if PLAN_HEADING.search(title):
        return Role.TARGET
    return None
