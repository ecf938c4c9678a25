"""The structure parser: paragraphs → front matter, preamble, outline, closing, end matter.

Plain text loses the fonts of GB/T 9704, so the marker at a paragraph's start is the only
evidence of a heading's level. Paragraphs are lines; a heading or an item opens a part that runs
until the next marker of the same or an outer rank. Items (一是, 第一，, 首先，) nest under the
heading above them. Spans are offsets into the text as given: nothing is normalised.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

import attrs

from govreport.model import OutlineNode, Region, Span
from govreport.model._unchecked import unchecked
from govreport.model.outline import ITEM_RANK
from govreport.structure.markers import DEFAULT_MARKERS, STYLES, Markers, MarkerStyle

# Line ends: LF, CRLF, CR, and the Unicode and Word breaks of domain §7.
_LINE_ENDS = "\n\r\u2028\u2029\x0b\x0c\x85"
_SPACE = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
# A line's content: from its first to its last character that is no space. Backtracking only
# gives back the trailing spaces, so the scan stays linear.
_CONTENT = re.compile(f"[^{_SPACE}{_LINE_ENDS}](?:[^{_LINE_ENDS}]*[^{_SPACE}{_LINE_ENDS}])?")
# Texts with these need _CONTENT: CRLF is a two-character line end, and str.splitlines also
# breaks at the separators U+001C to U+001E.
_NOT_SPLITLINES = ("\r", "\x1c", "\x1d", "\x1e")
_CLAUSE_END = re.compile("[。；：]")
_SENTENCE_END = re.compile("[。！？；]")

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
_END_MATTER_WORDS = tuple(word for word, _ in _END_MATTER)
# What may follow the word on a longer line: a colon, after the number of one of several
# (附件1：2025年民生实事, 附表 2：…, 附件一：…).
_AFTER_COLON = re.compile(f"[^：:]*[：:][{_SPACE}]*")
_NUMBERED_COLON = re.compile(
    f"[{_SPACE}]*(?:[0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,3}})?[{_SPACE}]*[：:]"
)
# Styles whose markers may really start a sentence (see _accept).
_REJECTABLE = frozenset(("cn-comma", "zero-padded"))
# Items numbered as a series: a lone 首先 or 第一 starts none; 最后 comes after its siblings.
_SERIES = frozenset(("item-sequence", "item-di", "item-qi"))
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
# The furniture of a scraped page after the report (domain §2.1 web chrome): share and print
# links, counters, related links, a wiki's licence notice. From the first of these after the last
# outline marker, the rest is end matter of kind chrome.
_PAGE_CHROME = re.compile(
    r"(?:【|\[)?(?:扫一扫|在手机打开|关闭窗口|关闭本页|打印本页|打印此页|相关报道|相关链接|相关阅读|"
    r"相关新闻|上一篇|下一篇|分享到|阅读量|阅读次数|浏览量|浏览次数|发表时间|发布时间|字体[:：]|字号[:：])"
)
_LICENCE = re.compile(r"本作品|本文(?:采用|遵循)|本页面|Public domain|知识共享|Creative Commons")
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
    for start, end, content in _lines(text):
        yield Paragraph(start, end, content)


# A paragraph as the parser passes it around: (start, end, trimmed content).
_Line = tuple[int, int, str]
# A marker at a paragraph start: (style, end, ordinal).
_Marker = tuple[MarkerStyle, int, int]
# The outline being read: the open parts' nodes, the closed children of each, the closed roots.
_Parts = tuple[list[OutlineNode], list[list[OutlineNode]], list[OutlineNode]]


def _lines(text: str) -> list[_Line]:
    """:func:`paragraphs` as tuples."""
    if any(mark in text for mark in _NOT_SPLITLINES):
        return [(line.start(), line.end(), line[0]) for line in _CONTENT.finditer(text)]
    # Every line end is one character, and str.splitlines breaks at the same ones.
    found: list[_Line] = []
    position = 0
    for line in text.splitlines():
        content = line.strip(_SPACE)
        if content:
            # The first character of the content is no space: its first place is after them.
            start = position + line.find(content[0])
            found.append((start, start + len(content), content))
        position += len(line) + 1
    return found


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
    """Where every outline marker stands, the attachments' too (numbers in markers are not
    quantities)."""


def _is_standalone(content: str) -> bool:
    body = content.rstrip("。")
    return len(body) <= 60 and _SENTENCE_END.search(body) is None


def _region(kind: str, text: str, start: int, end: int) -> Region:
    return Region(kind, Span(start, end), text[start:end])


# The parser makes a node and three spans per heading from offsets that are right by
# construction: these skip attrs' __init__, which would cost as much as the parse. A heading's
# node is made when its marker is read, with no span yet: while its part is open the parser
# keeps the node's children in a list of their own, and when the part closes it sets the span
# and the children through the slots (the node is nobody else's yet).
_node = unchecked(OutlineNode)
_span = unchecked(Span)
_set_span = vars(OutlineNode)["span"].__set__
_set_children = vars(OutlineNode)["children"].__set__


def _numbered(nodes: list[OutlineNode]) -> list[OutlineNode]:
    """Give 最后 the ordinal after its siblings; drop a lone 首先/第一 that starts no series."""
    names = [node.style for node in nodes]
    if _SERIES.isdisjoint(names):
        return nodes
    series = Counter(name for name in names if name in _SERIES)
    kept: list[OutlineNode] = []
    highest: dict[str, int] = {}  # the highest ordinal kept so far, by style
    for node, style in zip(nodes, names, strict=True):
        numbered = node
        if style in series:
            if series[style] < 2:
                continue
            previous = highest.get(style, 0)
            if node.ordinal == 0:
                numbered = attrs.evolve(node, ordinal=previous + 1)
            highest[style] = max(previous, numbered.ordinal)
        kept.append(numbered)
    return kept


def _heading(text: str, paragraph_end: int, start: int, marker: _Marker) -> OutlineNode:
    """The node of the heading or item whose marker stands at ``start`` in a paragraph ending
    at ``paragraph_end``, its title read; its span is set when its part closes."""
    style, marker_end, ordinal = marker
    rank = style.rank
    is_item = rank >= ITEM_RANK
    title_start = marker_end
    while title_start < paragraph_end and text[title_start] in _SPACE:
        title_start += 1
    # The title ends at the first 。；： (the clause), else with the paragraph.
    found = _CLAUSE_END.search(text, title_start, paragraph_end)
    if found is None and title_start < paragraph_end and text[paragraph_end - 1] != "。":
        # The whole rest of the paragraph, which ends with no space: the usual heading line, or
        # an item's lead clause set on a line of its own.
        title_end, run_in = paragraph_end, False
    else:
        clause = found.start() - title_start if found else max(0, paragraph_end - title_start)
        if is_item:
            # Run in when its body follows the lead clause in the same paragraph.
            title_end = title_start + clause
            run_in = bool(text[title_end + 1 : paragraph_end].strip(_SPACE))
        else:
            body = text[title_start:paragraph_end].rstrip("。").rstrip(_SPACE)
            title_end = title_start + min(clause, len(body))
            run_in = bool(body[clause + 1 :].strip(_SPACE))
        title_end = max(title_start, title_end)
        while title_end > title_start and text[title_end - 1] in _SPACE:
            title_end -= 1
    return _node(
        text[start:marker_end],
        ordinal,
        style.name,
        rank,
        text[title_start:title_end],
        None,
        _span(title_start, title_end),
        _span(start, marker_end),
        run_in,
        (),
    )


def _front_matter(text: str, paras: list[_Line], markers: Markers) -> list[Region]:
    """Title, subtitle, byline, date, speaker and salutation lines at the top."""
    regions: list[Region] = []
    titled = False
    skip = 0  # lines a title split across lines has taken
    for index, (start, end, content) in enumerate(paras):
        if skip:
            skip -= 1
            continue
        if markers.match(text, start, True) is not None:
            break
        region_end = end
        in_chrome = bool(regions) and regions[-1].kind == "chrome" and len(content) <= 4
        if in_chrome or (len(content) <= 40 and _WEB_CHROME.match(content)):
            regions.append(_region("chrome", text, start, end))
            continue  # 下载 打印 【字号：大 中 小】 from scraped pages
        if len(content) <= 60 and _CAPTION.search(content):
            regions.append(_region("caption", text, start, end))
            continue  # a photo caption (…记者 X摄)
        if content.endswith(("：", ":")) and len(content) <= 12 and "，" not in content:
            regions.append(_region("salutation", text, start, end))
            break
        if len(content) > 60 or any(mark in content for mark in "。，,；！？"):
            break
        if not titled:
            taken = _title_lines(paras, index)
            if taken is None:
                break
            skip = taken
            region_end = paras[index + taken][1]
            kind, titled = "title", True
        elif content.startswith(("—", "－")) or content.endswith(("会议上", "大会上")):
            kind = "subtitle"
        elif _DATE_LINE.fullmatch(content):
            kind = "date"
        elif any(word in content for word in _SPEAKER_WORDS):
            kind = "speaker"
        else:
            kind = "byline"
        regions.append(_region(kind, text, start, region_end))
    return regions


def _title_lines(paras: list[_Line], index: int) -> int | None:
    """How many lines after ``paras[index]`` its title takes, or None when it starts no title.

    A title names its kind (报告, 公报 …), also letter-spaced (``政 府 工 作 报 告``) or split across
    short lines by a scraper (``政府工作报⏎告``): the lines are read without their spaces, joined
    while the kind word is not complete and the next line is as short as a broken-off end.
    """
    joined = ""
    for taken in range(_TITLE_LINES):
        if index + taken >= len(paras):
            return None
        content = paras[index + taken][2]
        if taken and (len(content) > _TITLE_TAIL or any(m in content for m in "。，,；！？：:")):
            return None
        joined += "".join(content.split())
        if any(word in joined for word in _TITLE_WORDS):
            # A kind word broken across the lines (工作报⏎告) takes the next line too.
            following = paras[index + taken + 1][2] if index + taken + 1 < len(paras) else ""
            if 0 < len(following) <= _TITLE_TAIL and _completes_a_title_word(joined, following):
                return taken + 1
            return taken
    return None


def _completes_a_title_word(joined: str, following: str) -> bool:
    """Whether ``following`` ends a kind word that ``joined`` breaks off (报 + 告)."""
    longer, boundary = joined + following, len(joined)
    return any(
        -1 < longer.find(word, max(0, boundary - len(word) + 1)) < boundary for word in _TITLE_WORDS
    )


_TITLE_LINES = 3
"""A title split by a scraper spans this many lines at most."""
_TITLE_TAIL = 6
"""The longest broken-off end of a split title line."""


def _end_matter_kind(content: str) -> str | None:
    if not content.startswith(_END_MATTER_WORDS):
        return None
    for word, kind in _END_MATTER:
        if content.startswith(word) and (
            word.endswith(("：", ":"))
            or len(content) <= 12
            or _NUMBERED_COLON.match(content, len(word)) is not None
        ):
            return kind
    return None


def _chrome_start(text: str, body: list[_Line], cut: int, markers: Markers) -> int:
    """The first paragraph of page chrome after the last outline marker before ``cut`` (the end
    matter), or ``cut`` when there is none."""
    start = cut
    for index in range(cut - 1, -1, -1):
        paragraph_start, _, content = body[index]
        if markers.match(text, paragraph_start, _is_standalone(content)) is not None:
            break
        short_chrome = len(content) <= 40 and _PAGE_CHROME.match(content) is not None
        if short_chrome or _LICENCE.match(content):
            start = index
    return start


def _is_signature(content: str) -> bool:
    if len(content) > 30 or any(mark in content for mark in "。，；"):
        return False
    if content[0] in "（(" and content[-1] in "）)":
        return True
    return bool(_DATE_LINE.fullmatch(content)) or content.endswith(_ORG_END)


def parse_structure(
    text: str, styles: tuple[MarkerStyle, ...] = STYLES, *, markers: Markers | None = None
) -> Structure:
    """Find the front matter, preamble, outline, closing and end matter of ``text``.

    :param styles: the marker styles to recognise, tried in order (plugins add their own).
    :param markers: the styles already indexed (a host's :attr:`Pipeline.markers`); when
        given, ``styles`` is not used.
    """
    if markers is None:
        markers = DEFAULT_MARKERS if styles is STYLES else Markers(styles)
    paras = _lines(text)
    front = _front_matter(text, paras, markers)
    # A title split across lines is one region over several paragraphs.
    front_end = front[-1].span.end if front else 0
    taken = len(front)
    while taken < len(paras) and paras[taken][0] < front_end:
        taken += 1
    body = paras[taken:]

    # End matter: from the first glossary/notes/attachment line, plus a trailing signature.
    end_regions: list[Region] = []
    cut = len(body)
    for index, (_, _, content) in enumerate(body):
        if content.startswith(_END_MATTER_WORDS) and _end_matter_kind(content) is not None:
            cut = index
            break
    chrome = _chrome_start(text, body, cut, markers)
    tail, chrome_lines = body[cut:], body[chrome:cut]
    body = body[:chrome]
    while body and len(body) > 1 and _is_signature(body[-1][2]):
        start, end, _ = body.pop()
        end_regions.append(_region("signature", text, start, end))
    end_regions.reverse()
    if chrome_lines:
        end_regions.append(_region("chrome", text, chrome_lines[0][0], chrome_lines[-1][1]))
    kinds = [(i, _end_matter_kind(p[2])) for i, p in enumerate(tail)]
    starts = [(i, k) for i, k in kinds if k is not None]
    annex_marker_spans: list[Span] = []
    for number, (index, kind) in enumerate(starts):
        last = starts[number + 1][0] - 1 if number + 1 < len(starts) else len(tail) - 1
        assert kind is not None
        region = _region(kind, text, tail[index][0], tail[last][1])
        if kind == "attachment":
            # An annex (附件1 ⏎ 2025年民生实事 ⏎ 一、…) numbers its list like the body: its
            # lines get an outline of their own, apart from the body's. The heading line's own
            # word and number are none of it; a list may start after its colon (附件：1.…).
            head_start, head_end, head = tail[index]
            lines = tail[index + 1 : last + 1]
            after = _AFTER_COLON.match(head)
            if after is not None and after.end() < len(head):
                lines = [(head_start + after.end(), head_end, head[after.end() :]), *lines]
            annex = _outline(text, lines, markers)
            annex_marker_spans += annex.marker_spans
            region = attrs.evolve(region, outline=_closed(annex, annex.end))
        end_regions.append(region)

    outline = _outline(text, body, markers)

    preamble = None
    marker_spans = outline.marker_spans
    first_start = marker_spans[0].start if marker_spans else -1
    first_heading = next((i for i, p in enumerate(body) if p[0] == first_start), len(body))
    if first_heading:
        preamble = _region("preamble", text, body[0][0], body[first_heading - 1][1])

    closing = None
    end = outline.end
    if outline.last is not None:
        # The paragraph right under a heading line is that part's body, whatever it says.
        last_heading, last_node = outline.last
        # An item's closing may follow it right away: a body after a lead clause set on its own
        # line rarely opens with a closing cue, a closing after the last item often does.
        first = last_heading + (1 if last_node.rank >= ITEM_RANK or last_node.run_in else 2)
        for index in range(first, len(body)):
            if body[index][2].startswith(_CLOSING_CUES):
                closing = _region("closing", text, body[index][0], body[-1][1])
                end = body[index - 1][1]  # the parts still open end before the closing
                break
    return Structure(
        front_matter=tuple(front),
        preamble=preamble,
        outline=_closed(outline, end),
        closing=closing,
        end_matter=tuple(end_regions),
        marker_spans=(*marker_spans, *annex_marker_spans),
    )


class _Outline(NamedTuple):
    """The outline as the paragraphs left it: the parts at the end are still open."""

    roots: list[OutlineNode]
    """The top-level parts that have closed."""
    stack: list[OutlineNode]
    """The nodes of the parts still open, outermost first (no span yet)."""
    children: list[list[OutlineNode]]
    """The parts that have closed under each open one, in order."""
    end: int
    """Where the last paragraph ends."""
    marker_spans: list[Span]
    last: tuple[int, OutlineNode] | None
    """The last heading or item, and the index of its paragraph."""
    series: bool
    """Whether there are items numbered as a series (首先 … 最后)."""
    item_end: int | None
    """Where the open item's own paragraph ends, when unnumbered paragraphs followed it that
    go to its parent unless another item follows (see :func:`_outline`)."""


def _outline(text: str, body: list[_Line], markers: Markers) -> _Outline:
    """Nest the headings and items of ``body`` by rank.

    A part owns every paragraph up to the next marker of its rank or an outer one. An item whose
    lead clause stands alone on its line (``一是……。`` set in bold) owns its body paragraphs so.
    An item whose paragraph holds its body is that paragraph, and the unnumbered paragraphs
    after it are its own only when another item follows them: after the last item of a series
    they go back to the heading above (``与此同时，…`` before the next ``一、``). So does a
    paragraph that opens with a closing cue (``各位代表！``, ``在肯定成绩的同时``) after the last
    item whose lead clause stands alone: it sums up the part, not the item.
    """
    roots: list[OutlineNode] = []
    stack: list[OutlineNode] = []
    children: list[list[OutlineNode]] = []
    marker_spans: list[Span] = []
    last: tuple[int, OutlineNode] | None = None
    series = False
    item_end: int | None = None  # see _Outline.item_end
    by_first, candidates_for, find_among = markers.by_first, markers.candidates, markers.find
    # A part ends with the last paragraph read while it is open.
    previous_end = 0
    for index, (start, end, content) in enumerate(body):
        # Most paragraphs start with no character a marker can start with.
        candidates = by_first.get(content[0])
        if candidates is None:
            candidates = candidates_for(content[0])
        found = None
        if candidates:
            standalone = _is_standalone(content)
            found = find_among(candidates, text, start, standalone)
            if found is not None and found[0].name in _REJECTABLE:
                heading_like = standalone and not content.endswith("。")
                if not _accept(text, start, found, heading_like, (stack, children, roots)):
                    found = None
        if found is not None:
            node = _heading(text, end, start, found)
            rank = node.rank
            if rank >= ITEM_RANK and node.style in _SERIES:
                series = True
            if item_end is not None and rank < ITEM_RANK:
                # the series ended: back to its parent
                _close_last(stack, children, roots, item_end, series)
            item_end = None
            while stack and stack[-1].rank >= rank:
                _close_last(stack, children, roots, previous_end, series)
            stack.append(node)
            children.append([])
            marker_spans.append(node.marker_span)
            last = (index, node)
        elif (
            item_end is None
            and stack
            and stack[-1].rank >= ITEM_RANK
            and (stack[-1].run_in or content.startswith(_CLOSING_CUES))
        ):
            item_end = previous_end
        previous_end = end
    return _Outline(roots, stack, children, previous_end, marker_spans, last, series, item_end)


def _closed(outline: _Outline, end: int) -> tuple[OutlineNode, ...]:
    """The finished tree of ``outline``, its parts still open closed at ``end``."""
    roots, stack, children, series = outline.roots, outline.stack, outline.children, outline.series
    if outline.item_end is not None:
        _close_last(stack, children, roots, outline.item_end, series)
    while stack:
        _close_last(stack, children, roots, end, series)
    return tuple(_numbered(roots) if series else roots)


def _close_last(
    stack: list[OutlineNode],
    children: list[list[OutlineNode]],
    roots: list[OutlineNode],
    end: int,
    series: bool,
) -> None:
    """Close the innermost open part at ``end`` and add its node to its parent's children;
    ``series``: whether the text has items numbered as a series (首先 … 最后), which
    :func:`_numbered` renumbers."""
    node, nested = stack.pop(), children.pop()
    _set_span(node, _span(node.marker_span.start, end))
    if nested:
        _set_children(node, tuple(_numbered(nested) if series else nested))
    (children[-1] if children else roots).append(node)


def _accept(
    text: str,
    start: int,
    marker: _Marker,
    heading_like: bool,
    parts: _Parts,
) -> bool:
    """Reject markers that are really the start of a sentence.

    ``一、二季度分别增长…`` enumerates quarters: a run-in ``一、`` followed by another numeral is
    no heading. A bare two-digit number (``10文化``) is a heading only after ``09…`` of the same
    style; alone, ``15个项目全部开工`` starts with a quantity.
    """
    style, end, ordinal = marker
    if style.name == "cn-comma" and not heading_like:
        return text[end : end + 1] not in "一二三四五六七八九十"
    if style.name != "zero-padded" or text[start] == "0":
        return True
    previous = _last_sibling(style.rank, parts)
    return previous is not None and previous.style == style.name and previous.ordinal == ordinal - 1


def _last_sibling(rank: int, parts: _Parts) -> OutlineNode | None:
    """The part a new one of ``rank`` would follow under the same parent, open or closed."""
    stack, children, roots = parts
    depth = len(stack)
    while depth and stack[depth - 1].rank >= rank:
        depth -= 1
    if depth < len(stack):
        return stack[depth]  # still open, the parent's last child
    siblings = children[depth - 1] if depth else roots
    return siblings[-1] if siblings else None
