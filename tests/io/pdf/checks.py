"""The typesetting checks, on pages read back by conftest.read_pages: each returns what it found
wrong (empty when the rule holds). Used by test_typesetting.py on real documents and by
test_typesetting_canaries.py on documents laid out with a rule switched off.
"""

from __future__ import annotations

import re

from desktop.publication import model

CLOSING = "，。、；：？！”’）》」』】〕〉…—％%"
OPENING = "“‘（《「『【〔〈("
UNIT_AFTER_NUMBER = re.compile(r"^(?:%|％|‰|元|万元|亿元|年|月|日|个|人|名|辆|台|套|次|项|家|分|天|平方米|万|亿)")
# words no header of a table may be broken inside
WORDS = ("指标", "性质", "科目", "编码", "名称", "度量", "单位", "金额", "合计", "收入", "支出", "预算", "决算", "结转",
         "结余", "企业", "合同", "附属", "上缴", "补助", "财政", "拨款", "项目", "资金", "目标", "完成", "原因", "措施",
         "偏差", "权重", "分值", "得分", "规则", "位置", "问题", "说明", "序号", "类别", "政府", "采购", "年初", "年末")


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def lead_texts(publication: model.Publication) -> set[str]:
    """Every heading and caption line as it is printed."""
    texts = set()
    for part in publication.parts:
        texts.add(norm(part.title))
        for block in part.blocks:
            if isinstance(block, model.Heading):
                texts.add(norm(block.text))
            elif isinstance(block, model.Table):
                texts |= {norm(block.number), norm(block.title), norm(block.subtitle)}
                if block.unit or publication.front_matter:
                    texts.add(norm(f"编制单位：{publication.department}{block.unit}"))
    return texts - {""}


def headings_at_the_foot(publication: model.Publication, pages: list) -> list[tuple[int, str]]:
    leads = lead_texts(publication)
    found = []
    for page in pages[1 if publication.front_matter else 0:]:
        elements = sorted(page.elements(), key=lambda e: e.bottom)
        trailing = []
        for element in reversed(elements):
            if hasattr(element, "rows"):
                break
            trailing.insert(0, element)
        for count in range(1, min(4, len(trailing)) + 1):
            text = "".join(line.text for line in trailing[-count:])
            if text in leads:
                found.append((page.number, text))
    return found


def model_cells(publication: model.Publication) -> set[str]:
    return {norm(cell.text) for part in publication.parts for block in part.blocks if isinstance(block, model.Table)
            for row in (*block.header, *block.rows) for cell in row}


def split_cells(publication: model.Publication, pages: list) -> list[tuple[int, str]]:
    """Cells on a page that are not whole cells of the publication: a row split across pages."""
    cells = model_cells(publication)
    return [(page.number, text) for page in pages for piece in page.pieces for row in piece.rows
            for text in row if text and norm(text) not in cells]


def table_chains(pages: list) -> list[list]:
    """The pieces of each table in order: a piece continues the one before when it is the first
    thing on its page and the previous page ended with a piece of the same header."""
    chains: list[list] = []
    previous_last = None
    for page in pages:
        for piece in page.pieces:
            continues = (piece is page.first() and previous_last is not None and hasattr(previous_last, "rows")
                         and previous_last.header_key() == piece.header_key())
            if continues and chains:
                chains[-1].append(piece)
            else:
                chains.append([piece])
        previous_last = page.last()
    return chains


def header_problems(pages: list) -> list[str]:
    problems = []
    for chain in table_chains(pages):
        if len(chain) < 2:
            continue
        total = sum(len(piece.body) for piece in chain)
        first, last = min(2, total), min(2, total - min(2, total))
        if len(chain[0].body) < first:
            problems.append(f"{chain[0].rows[:1]}: {len(chain[0].body)} body rows under the header before a page break")
        if len(chain[-1].body) < last:
            problems.append(f"{chain[-1].rows[:1]}: {len(chain[-1].body)} body rows after a page break")
        if any(piece.header_key() != chain[0].header_key() for piece in chain):
            problems.append(f"{chain[0].rows[:1]}: header not repeated")
    for page in pages:
        elements = page.elements()
        for one, other in zip(elements, elements[1:]):
            if hasattr(one, "rows") and hasattr(other, "rows") and one.header and one.header_key() == other.header_key():
                problems.append(f"page {page.number}: the header of {one.rows[:1]} twice on one page")
    return problems


def line_pairs(pages: list) -> list[tuple[str, str, bool]]:
    """Consecutive lines of one paragraph or one cell: (line, next line, in a header cell)."""
    pairs = []
    for page in pages:
        lines = sorted(page.lines, key=lambda line: line.top)
        for one, other in zip(lines, lines[1:]):
            if (abs(one.size - other.size) < 0.3 and 0 < other.top - one.top < 2 * one.size
                    and one.x0 < other.x1 and other.x0 < one.x1):
                pairs.append((one.text, other.text, False))
        for piece in page.pieces:
            for index, row in enumerate(piece.rows):
                for text in row:
                    cell_lines = [line for line in (text or "").split("\n") if line]
                    label = index < piece.header
                    pairs += [(one, other, label) for one, other in zip(cell_lines, cell_lines[1:])]
    return pairs


def break_problems(pages: list) -> list[tuple[str, str]]:
    problems = []
    for one, other, label in line_pairs(pages):
        end, start = one[-1], other[0]
        bad = (start in CLOSING or end in OPENING
               or (end.isdigit() or end in ",.") and (start.isdigit() or UNIT_AFTER_NUMBER.match(other))
               or end in "≥≤<>＞＜" and start.isdigit()
               or re.search(r"\d年$", one) and start == "度"
               or end.isascii() and end.isalnum() and start.isascii() and start.isalpha()
               or label and any(one.endswith(word[:k]) and other.startswith(word[k:])
                                for word in WORDS for k in range(1, len(word))))
        if bad:
            problems.append((one, other))
    return problems


def cover_lines(pages: list) -> list:
    return [line for line in pages[0].lines if line.size >= 18]
