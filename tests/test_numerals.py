"""Numerals → exact Decimals: counted Chinese numerals, digit-by-digit strings, Arabic forms."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.numerals import parse_arabic, parse_chinese, parse_digit_string
from govreport.testing import chinese_numerals


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三千零五十二", "3052"),
        ("十五", "15"),  # the leading 一 is implied
        ("百亿", "10000000000"),
        ("两万", "20000"),
        ("廿三", "23"),
        ("壹佰贰拾", "120"),  # financial forms
        ("一点五", "1.5"),
        ("零点零五", "0.05"),
        ("十点零五", "10.05"),
        # Digits after 点 are read one by one, exactly: no float in between.
        ("三点一四一五九二六五三五八九七九三二三八四六", "3.14159265358979323846"),
        (
            "九千八百七十六万五千四百三十二亿一千二百三十四万五千六百七十八点一二",
            "9876543212345678.12",
        ),
    ],
)
def test_counted_chinese_numerals(text: str, value: str) -> None:
    assert parse_chinese(text) == Decimal(value)
    assert str(parse_chinese(text)) == value  # exact, to the last written digit


@pytest.mark.parametrize("text", ["三四", "二〇二三", "点五", "一点", "一点十", "一点O", "百分之"])
def test_what_is_no_counted_numeral(text: str) -> None:
    # 三四 is an approximate pair and 二〇二三 a year read digit by digit.
    assert parse_chinese(text) is None


def test_a_parse_does_not_import_cn2an() -> None:
    # cn2an's import took longer than a small parse (≈ 150 ms); the testing strategies use it.
    code = "import sys, govreport; govreport.parse('完成三千零五十二项，增长百分之五。');"
    code += "sys.exit('cn2an' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@settings(max_examples=300, deadline=None)
@given(
    chinese_numerals(min_value=0, max_value=10**12), st.text("零一二三四五六七八九", max_size=12)
)
def test_chinese_numerals_read_back_exactly(numeral: tuple[str, Decimal], fraction: str) -> None:
    text, value = numeral
    assert parse_chinese(text) == value
    if fraction:
        digits = fraction.translate(str.maketrans("零一二三四五六七八九", "0123456789"))
        assert parse_chinese(f"{text}点{fraction}") == Decimal(f"{value}.{digits}")


@pytest.mark.parametrize(
    ("text", "value"), [("二〇二三", 2023), ("二OO二", 2002), ("２０２３", 2023), ("二○二三", 2023)]
)
def test_digit_by_digit_strings(text: str, value: int) -> None:
    assert parse_digit_string(text) == value


@pytest.mark.parametrize(
    ("text", "value"), [("1,192", "1192"), ("16.46", "16.46"), ("１２３", "123"), ("−3.2", "-3.2")]
)
def test_arabic_forms(text: str, value: str) -> None:
    assert parse_arabic(text) == Decimal(value)


def test_a_malformed_arabic_number_raises() -> None:
    with pytest.raises(ValueError, match="not an Arabic number"):
        parse_arabic("1.2.3")
