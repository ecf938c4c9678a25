"""The web-page reader (builtin.html): saved government pages against the gold of their texts,
the rules it renders by, the CMS layouts it knows, and hostile pages."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport.errors import DecodeError, InputError
from govreport.model import SourceText
from govreport.readers import LIMITS, html
from govreport.testing import check_report, check_source
from tests.other_form import remap_gold
from tests.scoring import load_gold, score

FORMATS = Path(__file__).parent / "data" / "formats"
PAGES = ["yichun-tjgb-2022", "wanzai-tjgb-2015"]
"""Saved pages whose plain text has gold (tests/data/NAME.txt and NAME.gold.json)."""


HOST = govreport.PluginHost(load_entrypoints=False)


def read(page: str | bytes, source: str = "page.html") -> SourceText:
    data = page.encode("utf-8") if isinstance(page, str) else page
    return HOST.read(data, source)


def lines(page: str | bytes) -> list[str]:
    return read(page).text.splitlines()


def body(inner: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{inner}</body></html>"


FILLER = "全年实现地区生产总值3473.12亿元，同比增长5.3%。" * 8
"""A paragraph long enough that a container holding it is taken for the main text."""


# -- the saved pages ------------------------------------------------------------------------


@pytest.fixture(scope="module", params=PAGES)
def page(request: pytest.FixtureRequest) -> tuple[str, govreport.Report, dict[str, object]]:
    name = request.param
    report = govreport.parse_file(FORMATS / f"{name}.html")
    gold_text, gold = load_gold(name)
    return name, report, remap_gold(gold, gold_text, report.text)


def test_saved_pages_give_the_gold_outline_and_quantities(
    page: tuple[str, govreport.Report, dict[str, object]],
) -> None:
    _, report, gold = page
    figures = score(report, gold)
    assert report.reader == "html"
    assert figures.outline_exact
    assert figures.quantity_f1 >= 0.97, (figures.missed, figures.false_alarms)
    assert figures.trap_alarms == ()
    check_report(report)


def test_saved_pages_keep_scripts_styles_and_chrome_out(
    page: tuple[str, govreport.Report, dict[str, object]],
) -> None:
    name, report, _ = page
    source = (FORMATS / f"{name}.html").read_text(encoding="utf-8")
    assert "<script" in source and "GUAN.EXTENSION" in source
    for needle in ("GUAN", "window", "{", "访问量", "索 引 号", "您当前的位置", "首页", "版权所有"):
        assert needle not in report.text
    assert not any(re.search(r"script|style", block.path) for block in report.origin)
    # every mention lies inside one block of the page's main text
    for mention in report.mentions:
        assert any(block.span.contains(mention.span) for block in report.origin), mention


def test_a_page_without_gold_reads_to_its_bulletin() -> None:
    report = govreport.parse_file(FORMATS / "wanzai-tjgb-2022.html")
    markers = [node.marker for node in report.outline]
    assert markers[:12] == [f"{n}、" for n in "一二三四五六七八九十"] + ["十一、", "十二、"]
    # its container starts at the by-line: the <h1> above it gives the title line
    assert report.title == "万载县2022年国民经济和社会发展统计公报"
    assert report.origin[0].path == "body/div[3]/div/h1"
    assert report.text.splitlines()[1].startswith("万载县统计局")
    assert "访问量" not in report.text and "图文解读" not in report.text
    assert len(report.quantities()) > 300


def test_title_and_date_come_from_the_page() -> None:
    yichun = read((FORMATS / "yichun-tjgb-2022.html").read_bytes())
    assert yichun.title == "宜春市2022年国民经济和社会发展统计公报"
    assert yichun.date == "2023-05-16"  # the page's PubDate; it shows no <publishtime>
    wanzai = read((FORMATS / "wanzai-tjgb-2015.html").read_bytes())
    assert wanzai.date == "2017-05-15"  # the <publishtime> shown, not the regenerated PubDate
    plain = read(body("<p>x</p>", "<title>关于2023年工作的报告 _ 某某市人民政府</title>"))
    assert plain.title == "关于2023年工作的报告" and plain.date is None


def test_the_shown_title_heads_a_text_that_lacks_it() -> None:
    head = '<meta name="ArticleTitle" content="某县2022年统计公报">'
    shown = "<h1 class='article-title'><ucaptitle>某县2022年统计公报</ucaptitle></h1>"
    without = read(body(f"{shown}<div id='zoom'><p>某县统计局</p><p>{FILLER}</p></div>", head))
    assert without.text.splitlines() == ["某县2022年统计公报", "某县统计局", FILLER]
    assert without.origin[0].path == "body/h1"
    within = body(f"{shown}<div id='zoom'><p>某县2022年统计公报</p><p>{FILLER}</p></div>", head)
    assert lines(within) == ["某县2022年统计公报", FILLER]
    other = body(f"<h1>政务公开</h1><div id='zoom'><p>{FILLER}</p></div>", head)
    assert lines(other) == [FILLER]


def test_each_block_has_its_element_path() -> None:
    text = read(body(f'<div id="zoom"><p>一、综合</p><p>{FILLER}</p></div>'))
    assert [o.path for o in text.origin] == ["body/div/p[1]", "body/div/p[2]"]
    assert [o.span.slice(text.text) for o in text.origin] == ["一、综合", FILLER]


# -- choosing the reader by content ---------------------------------------------------------


@pytest.mark.parametrize(
    "start",
    [
        "<!DOCTYPE html><html>",
        "<!doctype HTML>",
        "\n  <html lang='zh'>",
        "<!-- saved from url=(0083)http://x.gov.cn/ -->\n<html>",
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
        "<head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Type' content='text/html'>",
    ],
)
def test_pages_are_known_by_their_start(start: str) -> None:
    assert html.looks_like_html(start.encode())


@pytest.mark.parametrize(
    "start",
    [
        "一、总体情况\n<p>不是网页</p>",
        "《关于<html>标签的说明》",
        "<一>综合",
        "%PDF-1.7",
        "PK\x03\x04word/document.xml",
        "",
    ],
)
def test_texts_and_other_files_are_not_pages(start: str) -> None:
    assert not html.looks_like_html(start.encode())


def test_a_page_renamed_txt_is_still_a_page_and_a_text_stays_text(tmp_path: Path) -> None:
    renamed = tmp_path / "report.txt"
    renamed.write_text(body(f"<div class='TRS_Editor'><p>{FILLER}</p></div>"), encoding="utf-8")
    assert govreport.parse_file(renamed).reader == "html"
    text = tmp_path / "notes.html"
    text.write_text("一、说明\n正文里写着<p>标签。\n", encoding="utf-8")
    assert govreport.parse_file(text).reader == "text"


# -- charset ----------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["gb2312", "GBK", "gb_2312-80", "x-gbk", "GB18030"])
def test_gb_family_pages_decode_as_gb18030(label: str) -> None:
    # 镕 and € are outside GB2312; a page saying GB2312 still holds them as GB18030 bytes
    page = body(f"<div id='zoom'><p>朱镕基 €5 {FILLER}</p></div>", f'<meta charset="{label}">')
    assert "朱镕基 €5" in read(page.encode("gb18030")).text


def test_http_equiv_and_xml_declarations_name_the_charset() -> None:
    equiv = '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
    assert html.declared_charset(body("", equiv).encode()) == "gb18030"
    xml = b'<?xml version="1.0" encoding="GB2312"?><html></html>'
    assert html.declared_charset(xml) == "gb18030"
    assert html.declared_charset(b'<html><meta charset="nonsense-9">') is None
    assert html.declared_charset(b'<html><meta charset="base64">') is None
    assert html.declared_charset(b'<meta charset="utf-16">') == "utf-8"


def test_a_bom_wins_over_the_declaration() -> None:
    page = body(f"<div id='zoom'><p>{FILLER}</p></div>", '<meta charset="gb2312">')
    assert read(page.encode("utf-16")).text.strip() == FILLER
    assert read(b"\xef\xbb\xbf" + page.encode()).text.strip() == FILLER


def test_a_wrong_declaration_falls_back_and_bad_bytes_are_an_error() -> None:
    page = body(f"<div id='zoom'><p>{FILLER}</p></div>", '<meta charset="gb2312">')
    assert read(page.encode("utf-8")).text.strip() == FILLER  # not valid GB18030
    with pytest.raises(DecodeError):
        read(page.encode("utf-8")[:-40] + b"\xff\xfe\xff" + page.encode()[-40:])


# -- rendering --------------------------------------------------------------------------------


def test_paragraphs_breaks_and_white_space() -> None:
    page = body(
        "<div id='zoom'>"
        "<p>万载县统计局&nbsp;&nbsp;国家统计局<br>（2023年5月）</p>"
        "<p>全年实现\n生产总值<b>262.6</b>亿元，\n  增长 5.3%。</p>"
        "<p>\u3000\u3000（万载县统计局）</p>"
        "<p>&nbsp;</p><p> </p>"
        f"<p>{FILLER}</p></div>"
    )
    assert lines(page)[:4] == [
        "万载县统计局\xa0\xa0国家统计局",
        "（2023年5月）",
        "全年实现生产总值262.6亿元，增长 5.3%。",
        "\u3000\u3000（万载县统计局）",
    ]


def test_data_tables_give_tab_separated_rows() -> None:
    table = (
        "<table><tr><td><p>产品名称</p></td><th>计量单位</th><td>产量</td></tr>"
        "<tr><td>饮料酒</td><td>千升</td><td><span>15767</span></td></tr>"
        "<tr><td></td><td> </td><td></td></tr></table>"
    )
    got = lines(body(f"<div id='zoom'><p>{FILLER}</p>{table}</div>"))
    assert got[1:] == ["产品名称\t计量单位\t产量", "饮料酒\t千升\t15767"]


def test_layout_tables_are_read_as_blocks() -> None:
    inner = f"<table><tr><td>一、综合</td><td>x</td></tr></table><p>{FILLER}</p>"
    page = body(f"<table><tr><td><div id='zoom'>{inner}</div></td></tr></table>")
    assert lines(page) == ["一、综合\tx", FILLER]
    long_cell = body(f"<table><tr><td class='content'><p>{FILLER}</p><p>二、</p></td></tr></table>")
    assert lines(long_cell) == [FILLER, "二、"]


def test_chrome_inside_the_container_is_left_out() -> None:
    page = body(
        "<div class='TRS_Editor'>"
        "<style>p{width:50%}</style><script>var rate = '25.09%';</script>"
        "<div class='share'>分享到：微信 微博</div>"
        "<p>【字体：大 中 小】</p><p>字号：[大][中][小] 打印本页 关闭窗口</p>"
        f"<p>{FILLER}</p>"
        "<p>责任编辑：张三</p><p>【打印】【关闭】</p><p>扫一扫在手机打开当前页</p>"
        "<p>上一篇：关于2021年的公报</p>"
        "<form><input value='搜索'></form><noscript>请启用脚本</noscript>"
        "</div>"
    )
    assert lines(page) == [FILLER]


# -- the CMS layouts the reader knows, and a page it does not --------------------------------


CMS_PAGES = {
    "TRS WCM": "<div class='left'><div class='TRS_Editor'>{}</div></div>",
    "TRS UEditor": "<div class='view TRS_UEDITOR trs_paper_default trs_web'>{}</div>",
    "gov.cn": "<div class='pages_content' id='UCAP-CONTENT'>{}</div>",
    "Hanweb JCMS": "<div id='zoom'>{}</div>",
    "Hanweb ucap": "<div id='zoomcon'><ucapcontent>{}</ucapcontent></div>",
    "WebPlus": "<div class='wp_articlecontent'>{}</div>",
    "VSB": "<form name='_newscontent_fromname'></form><div class='v_news_content'>{}</div>",
    "layout table": "<table><tr><td id='UCAP-CONTENT' class='b12c'>{}</td></tr></table>",
    "HTML5": "<main><article>{}</article></main>",
}


@pytest.mark.parametrize("layout", sorted(CMS_PAGES))
def test_common_cms_containers(layout: str) -> None:
    content = f"<p>一、综合</p><p>{FILLER}</p><p>二、农业</p><p>{FILLER}</p>"
    chrome = (
        "<div class='crumb'>您当前的位置：首页 &gt; 政务公开 &gt; 统计数据</div>"
        "<div class='nav'><a href='/'>首页</a><a href='/zwgk'>政务公开</a></div>"
        "<div class='article-attr'>发布日期：2023-05-16 访问量：4859 【字体：大 中 小】</div>"
    )
    footer = "<div class='footer'>主办单位：某某市人民政府办公室 版权所有 ICP备12345678号</div>"
    report = govreport.parse(read(body(chrome + CMS_PAGES[layout].format(content) + footer)))
    assert [node.marker for node in report.outline] == ["一、", "二、"]
    assert report.text.splitlines() == ["一、综合", FILLER, "二、农业", FILLER]


def test_the_fullest_container_wins_and_its_inner_container_is_preferred() -> None:
    page = body(
        "<div class='content'><h1>标题</h1><div class='attr'>访问量：12 次</div>"
        f"<div class='TRS_Editor'><p>{FILLER}</p></div></div>"
        "<div id='content'>相关链接</div>"
    )
    assert lines(page) == [FILLER]


def test_a_cms_container_wins_over_a_generic_wrapper_holding_more() -> None:
    byline = "<p>发布机构：某某市统计局 发文日期：2023-04-18 公开方式：主动公开</p>" * 6
    page = body(f"<div class='content'>{byline}<div class='TRS_Editor'><p>{FILLER}</p></div></div>")
    assert lines(page) == [FILLER]


def test_a_page_no_rule_knows_is_read_by_trafilatura() -> None:
    paragraphs = "".join(f"<p>{n}、{FILLER}</p>" for n in "一二三")
    page = body(
        "<div class='topbar'><ul>"
        + "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(30))
        + f"</ul></div><div class='mainbox'><div class='wz'>{paragraphs}</div></div>"
        "<div class='bottom'><a href='/about'>关于我们</a> 版权所有 ©2023</div>"
    )
    assert lines(page) == [f"{n}、{FILLER}" for n in "一二三"]


# -- a missing extra, hostile pages ----------------------------------------------------------


def test_without_the_extra_one_line_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lxml.etree", None)
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(InputError, match=r"^page\.html: .*pip install 'govreport\[html\]'$"):
        read(body("<p>x</p>"))
    assert read("一、综合\n全年增长5%。\n".encode()).reader == "text"  # texts need no extra


def test_deep_nesting_is_refused_in_one_line() -> None:
    deep = "<div>" * 100_000 + FILLER + "</div>" * 100_000
    with pytest.raises(InputError, match=r"^page\.html: a web page beyond the parser's limits"):
        read(body(deep))


def test_nesting_past_the_readers_own_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "LIMITS", attrs.evolve(LIMITS, max_depth=10))
    with pytest.raises(InputError, match=r"^page\.html: a web page nested more than 10 levels"):
        read(body("<div>" * 20 + FILLER + "</div>" * 20))
    assert lines(body("<div>" * 5 + f"<div id='zoom'><p>{FILLER}</p></div>" + "</div>" * 5))


def test_entities_are_never_expanded() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "啊啊啊啊啊啊啊啊啊啊">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f"<html><body><div id='zoom'><p>&c;&c;&c;{FILLER}</p></div></body></html>"
    )
    text = read(bomb).text
    assert "啊" not in text and len(text) < 2 * len(FILLER)


def test_a_page_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "LIMITS", attrs.evolve(LIMITS, max_markup_bytes=1000))
    with pytest.raises(InputError, match=r"^page\.html: a web page of \d+ bytes, over the 1000"):
        read(body(f"<p>{FILLER * 3}</p>"))


def test_a_large_flat_page_reads_in_bounded_time() -> None:
    page = body("<div id='zoom'>" + f"<p><span>{FILLER}</span></p>" * 20_000 + "</div>")
    started = time.monotonic()
    text = read(page)
    assert len(text.origin) == 20_000
    assert time.monotonic() - started < 60  # a hang detector, not a speed figure


def test_the_command_line_exits_2_with_one_line(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(body("<div>" * 5000 + "</div>" * 5000), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "govreport", "parse", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"govreport: {page}: a web page beyond the parser's limits")


# -- properties -------------------------------------------------------------------------------

_TEXTS = st.sampled_from(
    ["一、综合", "全年增长5.3%", "3473.12亿元", "&nbsp;", "&lt;p&gt;", "\u3000", " \n ", "（一）",
     "&#x4e00;", "&bogus;", "25.09%", "", "表\t格"]
)  # fmt: skip
_TAGS = st.sampled_from(
    ["p", "div", "span", "b", "br", "table", "tr", "td", "th", "script", "style", "ucapcontent",
     "h1", "li", "pre", "a", "font", "o:p", "nav", "section"]
)  # fmt: skip
_ATTRS = st.sampled_from(
    ["", " id='zoom'", " class='TRS_Editor'", " class='share'", " style='display:none'",
     " class='content'", " hidden"]
)  # fmt: skip


@st.composite
def pages(draw: st.DrawFn) -> str:
    """Random markup built of what government pages are made of, often unbalanced."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            pieces.append(draw(_TEXTS))
        elif kind == 1:
            pieces.append(f"<{draw(_TAGS)}{draw(_ATTRS)}>")
        else:
            pieces.append(f"</{draw(_TAGS)}>")
    return "<!DOCTYPE html><html><body>" + "".join(pieces)


def check_lines(text: SourceText) -> None:
    """What every reader keeps (blocks in order are all of the text), and that this reader's
    blocks are single lines, never blank."""
    check_source(text)
    for block in text.origin:
        line = block.span.slice(text.text)
        assert line.strip() and "\n" not in line, block


@settings(max_examples=150, deadline=None)
@given(pages())
def test_any_markup_reads_to_valid_blocks_and_parses(page: str) -> None:
    try:
        text = read(page)
    except InputError:  # too deep, or no markup: refused in one line, never a crash
        return
    assert text.reader == "html"
    check_lines(text)
    report = govreport.parse(text)
    check_report(report)
    assert "display" not in report.text and "'" not in report.text
