"""The slips a typed text can carry by itself, found live as the clerk types (审核 K-20, K-21).

No table is needed: a placeholder ("XX", "××", "【…】") or a template phrase ("增加（减少）") left
in; a growth written on a zero base ("增加103,843元，增长100%" for a 年初预算 of 0); figures written
against the profile (千分号, the decimals of a percentage, a space inside a figure). The same
sentences are checked figure by figure against the tables by 核对说明 (`checker`).
"""

from __future__ import annotations

from desktop.domain.profiles import FormatProfile
from desktop.review.checker import PLACEHOLDERS, TEMPLATE_PHRASES, zero_base_growths
from desktop.review.claims import claims_of
from desktop.review.outline import sentences


def unfinished(text: str) -> list[str]:
    """The placeholders and unresolved template phrases of `text`, as written, in order."""
    found = [m.group(0) for m in PLACEHOLDERS.finditer(text)] + [m.group(0) for m in TEMPLATE_PHRASES.finditer(text)]
    return list(dict.fromkeys(found))


def figure_slips(text: str, fmt: FormatProfile) -> list[str]:
    """What is wrong with how `text` writes its figures, one Chinese clause per slip."""
    slips: list[str] = []
    for sentence in sentences(text.splitlines()):
        claims = claims_of(sentence)
        slips += [f"“{value.subject or value.figure.text}”的比较基数为0，不应写“增长{growth.figure.text}”"
                  for value, growth in zero_base_growths(claims)]
        for claim in claims:
            figure = claim.figure
            if figure.spaced:
                slips.append(f"“{figure.text}”中有多余的空格")
            if figure.kind == "amount" and fmt.thousands and figure.integer_digits >= 4 and not figure.grouped:
                slips.append(f"“{figure.text}”未加千分号")
            # a growth, a share or a rate is a computed figure; "50%的重点项目" is a threshold
            if figure.kind == "percent" and claim.role != "value" and figure.decimals != fmt.percent_decimals:
                slips.append(f"“{figure.text}”应保留{fmt.percent_decimals}位小数")
    return list(dict.fromkeys(slips))
