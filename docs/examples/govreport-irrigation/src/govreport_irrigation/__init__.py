"""Irrigation terms for govreport: the plugin tutorial's example (docs/plugins.md)."""

from __future__ import annotations

from typing import Any

import govreport
from govreport.model import Entry, NamePattern, NameStart, Vocabulary

IRRIGATION = Vocabulary(
    name="irrigation",
    description="Irrigation districts, canals and water-saving terms.",
    entries=(
        Entry("灌区", "irrigation"),
        Entry("高效节水灌溉", "irrigation", meaning="usual unit: 万亩"),
        Entry("农田灌溉水有效利用系数", "indicator"),
    ),
    patterns=(
        # A canal's name: two to four Han characters before 干渠, starting after punctuation,
        # a line break or one of the verbs that stand before names (so 新建东风干渠 gives 东风干渠).
        NamePattern(
            r"[\u4e00-\u9fff]{2,4}干渠",
            "irrigation",
            "canal",
            start=NameStart(words=("新建", "改造", "修缮", "完成", "建成", "续建")),
        ),
    ),
)
"""The vocabulary: terms with a category, and a pattern for named canals."""


@govreport.hookimpl
def register_vocabularies(register: Any) -> None:
    """Give govreport the irrigation vocabulary."""
    register(IRRIGATION)
