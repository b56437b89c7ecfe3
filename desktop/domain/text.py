"""The one rule for text a clerk enters, wherever it comes from: a cell typed or pasted, an
explanation typed in the 审核 panel, a JSON file, an Excel workbook, the department of 新建.

Text copied from Word, a web page or another program arrives with Windows line ends (`\\r\\n`),
old Mac ones (`\\r`), Word's manual line break (U+000B), Unicode line and paragraph separators,
and Word's paragraph indent, the ideographic space U+3000. In multi-line text every kind of line
break becomes `\\n`; in single-line text a line break is refused. Every kind of space (U+3000,
U+00A0 …) is text, kept as typed. What no printed text contains is refused with the same message
at every entry point: control characters (tab only in multi-line text), invisible formatting
characters (BiDi overrides, BOM, zero-width spaces), lone surrogates (text broken by a faulty
copy or file), private-use and unassigned code points.
"""

from __future__ import annotations

import re
import unicodedata

TEXT_LIMITS = {"text": 500, "longtext": 20_000}  # characters, after line breaks are normalised
EXPLANATION_LIMIT = TEXT_LIMITS["longtext"]      # an explanation of a 审核 warning, everywhere
KEY_LIMIT = 200                                  # the rule and location an explanation names
EXPLANATION_LABEL = "说明"
# Every line break a pasted text may carry; \r\n first, so it becomes one \n.
_LINE_BREAK = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_KINDS = {
    "Cc": "控制字符", "Cf": "不可见的格式字符", "Cs": "损坏的文字（孤立的代理项，多见于复制或转换出错的文本）",
    "Co": "私用区字符（无法显示和打印）", "Cn": "未分配的字符（无法显示和打印）",
}


class TextRejected(ValueError):
    """Text that cannot be stored; the message names where (the label) and what, in Chinese."""


def is_ascii_digits(text: str) -> bool:
    """Only 0–9: `str.isdigit` also accepts "²" and "①", which `int` then refuses."""
    return bool(text) and text.isascii() and text.isdigit()


def shown_safely(message: str) -> str:
    """A message that can be printed and shown whatever text it quotes: a lone surrogate (which
    no encoder takes) or a control character becomes "�"; line breaks stay."""
    return "".join(char if char == "\n" or _refused_character(char, multiline=False) is None else "�"
                   for char in message)


def _refused_character(char: str, multiline: bool) -> str | None:
    """Why `char` cannot be stored (None when it can)."""
    if char.isprintable() or (multiline and char in "\n\t"):
        return None
    category = unicodedata.category(char)
    if category == "Zs":  # U+3000, U+00A0 and the other spaces are text
        return None
    if _LINE_BREAK.fullmatch(char):  # only in single-line text: multi-line text has \n by now
        return "换行"
    return _KINDS.get(category, "控制字符")


def clean(text: str, *, label: str, multiline: bool, limit: int) -> str:
    """`text` with its line breaks as `\\n` (multi-line) or TextRejected naming `label`."""
    if multiline:
        text = _LINE_BREAK.sub("\n", text)
    if len(text) > limit:
        raise TextRejected(f"{label}：文字过长（{len(text)} 字，最多 {limit} 字）")
    if (text.replace("\n", "").replace("\t", "") if multiline else text).isprintable():
        return text  # every character printable: none refused (what nearly every text is, checked at C speed)
    for position, char in enumerate(text, 1):
        reason = _refused_character(char, multiline)
        if reason == "换行":
            raise TextRejected(f"{label}：只能填写一行文字，第 {position} 个字符是换行；请删除换行")
        if reason is not None:
            raise TextRejected(f"{label}：第 {position} 个字符（U+{ord(char):04X}）是{reason}，不能保存；请删除这个字符")
    return text


def explanation(text: str | None) -> str | None:
    """An explanation of a 审核 warning as stored: line breaks normalised, surrounding spaces
    removed, None when blank; TextRejected when too long or holding a refused character."""
    if text is None:
        return None
    if len(text) > 2 * EXPLANATION_LIMIT:  # refused before any work on a huge paste
        raise TextRejected(f"{EXPLANATION_LABEL}：文字过长（{len(text)} 字，最多 {EXPLANATION_LIMIT} 字）")
    cleaned = clean(text, label=EXPLANATION_LABEL, multiline=True, limit=2 * EXPLANATION_LIMIT).strip()
    if len(cleaned) > EXPLANATION_LIMIT:
        raise TextRejected(f"{EXPLANATION_LABEL}：文字过长（{len(cleaned)} 字，最多 {EXPLANATION_LIMIT} 字）")
    return cleaned or None


def key_text(text: str, label: str) -> str:
    """The rule or location an explanation names: one line of printable text."""
    return clean(text, label=label, multiline=False, limit=KEY_LIMIT)
