"""The structure parser: paragraphs → front matter, preamble, outline, closing, end matter.

Plain text loses the fonts of GB/T 9704, so the marker at a paragraph's start is the only
evidence of a heading's level. Paragraphs are lines; a heading opens a part that runs until the
next heading of the same or an outer rank. Items (一是, 第一，, 首先，) nest under the heading
above them. Spans are offsets into the text as given: nothing is normalised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from govreport.model import OutlineNode, Region, Span
from govreport.structure.markers import STYLES, MarkerMatch, MarkerStyle, match_marker

# Line ends: LF, CRLF, CR, and the Unicode and Word breaks of domain §7.
_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x85]+")
_SPACE = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
_CLAUSE_END = "。；："
_SENTENCE_END = "。！？；"

_CLOSING_CUES = (
    "在总结成绩的同时", "在肯定成绩的同时", "在看到成绩的同时", "总结成绩的同时", "同时也要看到",
    "同时也要清醒看到", "同时，我们也", "我们也清醒", "存在的问题", "存在问题", "问题和不足",
    "不足之处", "下一步", "今后", "明年", "新的一年", "各位代表", "展望", "总之", "总的来看",
)  # fmt: skip
_END_MATTER = (
    ("名词解释", "glossary"), ("名词注释", "glossary"), ("注释", "notes"), ("注：", "notes"),
    ("注:", "notes"), ("附注", "notes"), ("资料来源", "sources"), ("数据来源", "sources"),
    ("附件", "attachment"), ("附表", "attachment"), ("附录", "attachment"), ("附：", "attachment"),
    ("抄送", "distribution"),
)  # fmt: skip
_TITLE_WORDS = (
    "报告",
    "公报",
    "总结",
    "情况",
    "工作",
    "规划",
    "纲要",
    "意见",
    "讲话",
    "通报",
    "计划",
)
_SPEAKER_WORDS = ("省长", "市长", "县长", "区长", "主席", "书记", "主任", "局长", "厅长", "部长")
_DATE_LINE = re.compile(r"[（(]?\s*(?:\d{4}|[一二三四五六七八九〇○零]{4})年.{1,8}日\s*[）)]?")
_WEB_CHROME = re.compile(
    r"(?:下载|打印|全屏|收藏|分享|关闭|返回|首页|当前位置|浏览|点击|字号|字体|【|"
    r"发布时间|发布日期|来源[:：]|作者[:：]|责任编辑)"
)
_CAPTION = re.compile(r"记者|摄影|^图[：:]")
_ORG_END = ("党组", "委员会", "人民政府", "统计局", "办公室", "调查队", "局", "委", "厅")


@attrs.frozen
class Paragraph:
    """One line of text with its content trimmed of surrounding spaces."""

    start: int
    """Offset of the first non-space character."""
    end: int
    """Offset just past the last non-space character."""
    text: str
    """The trimmed content."""

    @property
    def span(self) -> Span:
        """Where the content stands."""
        return Span(self.start, self.end)


def paragraphs(text: str) -> Iterator[Paragraph]:
    """Every non-blank line, trimmed of leading and trailing spaces (U+3000, NBSP …)."""
    for line in _LINE.finditer(text):
        raw = line.group()
        content = raw.strip(_SPACE)
        if not content:
            continue
        start = line.start() + (len(raw) - len(raw.lstrip(_SPACE)))
        yield Paragraph(start, start + len(content), content)


@attrs.frozen
class Structure:
    """What the structure parser found; the pipeline adds mentions to make a Report."""

    front_matter: tuple[Region, ...]
    """Title, subtitle, speaker, byline, date and salutation lines."""
    preamble: Region | None
    """Text before the first heading."""
    outline: tuple[OutlineNode, ...]
    """The heading tree."""
    closing: Region | None
    """Closing paragraphs after the last part."""
    end_matter: tuple[Region, ...]
    """Glossary, notes, sources, attachments, signature."""
    marker_spans: tuple[Span, ...]
    """Where every outline marker stands (numbers in markers are not quantities)."""


def _is_standalone(paragraph: Paragraph) -> bool:
    body = paragraph.text.rstrip("。")
    return len(body) <= 60 and not any(mark in body for mark in _SENTENCE_END)


def _region(kind: str, text: str, start: int, end: int) -> Region:
    return Region(kind, Span(start, end), text[start:end])


@attrs.define
class _Open:
    """A heading or item whose part is still being read."""

    match: MarkerMatch
    marker: str
    title: str
    title_span: Span
    run_in: bool
    end: int
    children: list[_Open] = attrs.Factory(list)

    @property
    def rank(self) -> int:
        return self.match.style.rank

    def freeze(self) -> OutlineNode:
        return OutlineNode(
            marker=self.marker,
            ordinal=self.match.ordinal,
            style=self.match.style.name,
            rank=self.rank,
            title=self.title,
            span=Span(self.match.start, self.end),
            title_span=self.title_span,
            marker_span=Span(self.match.start, self.match.end),
            run_in=self.run_in,
            children=tuple(child.freeze() for child in _numbered(self.children)),
        )


def _numbered(nodes: list[_Open]) -> list[_Open]:
    """Give 最后 the ordinal after its siblings; drop a lone 首先/第一 that starts no series."""
    kept: list[_Open] = []
    for node in nodes:
        style = node.match.style.name
        if style in ("item-sequence", "item-di", "item-qi"):
            siblings = sum(1 for n in nodes if n.match.style.name == style)
            if siblings < 2:
                continue
            if node.match.ordinal == 0:
                previous = max(
                    (n.match.ordinal for n in kept if n.match.style.name == style), default=0
                )
                node.match = attrs.evolve(node.match, ordinal=previous + 1)
        kept.append(node)
    return kept


def _heading(text: str, paragraph: Paragraph, match: MarkerMatch) -> _Open:
    """Read the title of the heading or item that ``match`` starts."""
    title_start = match.end
    while title_start < paragraph.end and text[title_start] in _SPACE:
        title_start += 1
    rest = text[title_start : paragraph.end]
    clause = len(rest)
    for mark in _CLAUSE_END:
        found = rest.find(mark)
        if found != -1:
            clause = min(clause, found)
    if match.style.is_item:
        title_end, run_in = title_start + clause, True
    else:
        body = rest.rstrip("。").rstrip(_SPACE)
        title_end = title_start + min(clause, len(body))
        run_in = bool(body[clause + 1 :].strip(_SPACE))
    title_end = max(title_start, title_end)
    while title_end > title_start and text[title_end - 1] in _SPACE:
        title_end -= 1
    return _Open(
        match=match,
        marker=text[match.start : match.end],
        title=text[title_start:title_end],
        title_span=Span(title_start, title_end),
        run_in=run_in,
        end=paragraph.end,
    )


def _front_matter(
    text: str, paras: list[Paragraph], styles: tuple[MarkerStyle, ...]
) -> list[Region]:
    """Title, subtitle, byline, date, speaker and salutation lines at the top."""
    regions: list[Region] = []
    titled = False
    for paragraph in paras:
        content = paragraph.text
        if match_marker(text, paragraph.start, standalone=True, styles=styles) is not None:
            break
        in_chrome = bool(regions) and regions[-1].kind == "chrome" and len(content) <= 4
        if in_chrome or (len(content) <= 40 and _WEB_CHROME.match(content)):
            regions.append(_region("chrome", text, paragraph.start, paragraph.end))
            continue  # 下载 打印 【字号：大 中 小】 from scraped pages
        if len(content) <= 60 and _CAPTION.search(content):
            regions.append(_region("caption", text, paragraph.start, paragraph.end))
            continue  # a photo caption (…记者 X摄)
        if content.endswith(("：", ":")) and len(content) <= 12 and "，" not in content:
            regions.append(_region("salutation", text, paragraph.start, paragraph.end))
            break
        if len(content) > 60 or any(mark in content for mark in "。，,；！？"):
            break
        if not titled:
            if not any(word in content for word in _TITLE_WORDS):
                break
            kind, titled = "title", True
        elif content.startswith(("—", "－")) or content.endswith(("会议上", "大会上")):
            kind = "subtitle"
        elif _DATE_LINE.fullmatch(content):
            kind = "date"
        elif any(word in content for word in _SPEAKER_WORDS):
            kind = "speaker"
        else:
            kind = "byline"
        regions.append(_region(kind, text, paragraph.start, paragraph.end))
    return regions


def _end_matter_kind(paragraph: Paragraph) -> str | None:
    content = paragraph.text
    for word, kind in _END_MATTER:
        if content.startswith(word) and (
            word.endswith(("：", ":"))
            or len(content) <= 12
            or content[len(word) : len(word) + 1] in "：:"
        ):
            return kind
    return None


def _is_signature(paragraph: Paragraph) -> bool:
    content = paragraph.text
    if len(content) > 30 or any(mark in content for mark in "。，；"):
        return False
    if content[0] in "（(" and content[-1] in "）)":
        return True
    return bool(_DATE_LINE.fullmatch(content)) or content.endswith(_ORG_END)


def parse_structure(text: str, styles: tuple[MarkerStyle, ...] = STYLES) -> Structure:
    """Find the front matter, preamble, outline, closing and end matter of ``text``.

    :param styles: the marker styles to recognise, tried in order (plugins add their own).
    """
    paras = list(paragraphs(text))
    front = _front_matter(text, paras, styles)
    body = paras[len(front) :]

    # End matter: from the first glossary/notes/attachment line, plus a trailing signature.
    end_regions: list[Region] = []
    cut = next((i for i, p in enumerate(body) if _end_matter_kind(p) is not None), len(body))
    tail = body[cut:]
    body = body[:cut]
    while body and len(body) > 1 and _is_signature(body[-1]):
        signature = body.pop()
        end_regions.insert(0, _region("signature", text, signature.start, signature.end))
    kinds = [(i, _end_matter_kind(p)) for i, p in enumerate(tail)]
    starts = [(i, k) for i, k in kinds if k is not None]
    for number, (index, kind) in enumerate(starts):
        last = starts[number + 1][0] - 1 if number + 1 < len(starts) else len(tail) - 1
        assert kind is not None
        end_regions.append(_region(kind, text, tail[index].start, tail[last].end))

    roots, marker_spans, last_heading = _outline(text, body, styles)

    preamble = None
    first_heading = next(
        (i for i, p in enumerate(body) if p.start == _first_start(roots)), len(body)
    )
    if first_heading:
        preamble = _region("preamble", text, body[0].start, body[first_heading - 1].end)

    closing = None
    if last_heading is not None:
        # The paragraph right under a heading line is that part's body, whatever it says.
        deepest = _deepest_last(roots)
        first = last_heading + (1 if deepest.match.style.is_item or deepest.run_in else 2)
        for index in range(first, len(body)):
            if body[index].text.startswith(_CLOSING_CUES):
                closing = _region("closing", text, body[index].start, body[-1].end)
                _trim(roots, body[index - 1].end)
                break
    return Structure(
        front_matter=tuple(front),
        preamble=preamble,
        outline=tuple(node.freeze() for node in _numbered(roots)),
        closing=closing,
        end_matter=tuple(end_regions),
        marker_spans=tuple(marker_spans),
    )


def _deepest_last(nodes: list[_Open]) -> _Open:
    node = nodes[-1]
    while node.children:
        node = node.children[-1]
    return node


def _first_start(roots: list[_Open]) -> int:
    return roots[0].match.start if roots else -1


def _outline(
    text: str, body: list[Paragraph], styles: tuple[MarkerStyle, ...]
) -> tuple[list[_Open], list[Span], int | None]:
    """Nest the headings and items of ``body`` by rank."""
    roots: list[_Open] = []
    stack: list[_Open] = []
    marker_spans: list[Span] = []
    last_heading: int | None = None
    for index, paragraph in enumerate(body):
        standalone = _is_standalone(paragraph)
        match = match_marker(text, paragraph.start, standalone=standalone, styles=styles)
        heading_like = standalone and not paragraph.text.endswith("。")
        if match is not None and not _accept(text, match, heading_like, stack, roots):
            match = None
        if match is not None:
            node = _heading(text, paragraph, match)
            while stack and stack[-1].rank >= node.rank:
                stack.pop()
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            marker_spans.append(Span(match.start, match.end))
            last_heading = index
        else:
            # An item is its own paragraph: what follows unnumbered belongs to the heading.
            while stack and stack[-1].match.style.is_item:
                stack.pop()
        for open_node in stack:
            open_node.end = paragraph.end
    return roots, marker_spans, last_heading


def _accept(
    text: str, match: MarkerMatch, heading_like: bool, stack: list[_Open], roots: list[_Open]
) -> bool:
    """Reject markers that are really the start of a sentence.

    ``一、二季度分别增长…`` enumerates quarters: a run-in ``一、`` followed by another numeral is
    no heading. A bare two-digit number (``10文化``) is a heading only after ``09…`` of the same
    style; alone, ``15个项目全部开工`` starts with a quantity.
    """
    if match.style.name == "cn-comma" and not heading_like:
        return text[match.end : match.end + 1] not in "一二三四五六七八九十"
    if match.style.name != "zero-padded" or text[match.start] == "0":
        return True
    parent = next((node for node in reversed(stack) if node.rank < match.style.rank), None)
    siblings = roots if parent is None else parent.children
    return (
        bool(siblings)
        and siblings[-1].match.style is match.style
        and siblings[-1].match.ordinal == match.ordinal - 1
    )


def _trim(nodes: list[_Open], end: int) -> None:
    """End every part at ``end`` at the latest (the closing starts after it)."""
    for node in nodes:
        node.end = min(node.end, end)
        _trim(node.children, end)
