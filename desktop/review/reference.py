"""The right figures: every claim of the 说明 FiscalDesk generates from the document's tables.

The generator already computes each total, share, growth, 车均, 执行率 and score the template
asks for, at full precision before display, so its sentences are the reference. Sentences the
clerk typed (reasons, 项目概况…) are quoted in the generated 说明 too; they are no reference, since
their figures are what is being checked, and are left out here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.domain.document import Document
from desktop.domain.profiles import FormatProfile, load_profile
from desktop.review.claims import Claim, claims_of
from desktop.review.outline import Sentence, heading_title, sentences

TYPED_MIN = 4  # a typed text shorter than this cannot be told from the generator's own words


@dataclass(frozen=True)
class Quote:
    paragraph: int                    # the generated paragraph quoting it
    words: str                        # the quoted sentence, without "主要原因：" and the like
    headings: tuple[str, ...]         # the headings it stands under


@dataclass(frozen=True)
class Reference:
    year: int
    department: str
    format: FormatProfile
    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]
    headings: tuple[str, ...]         # every heading title of the generated 说明, in order
    typed: tuple[Sentence, ...] = ()  # the sentences the clerk typed into the document (reasons, 概况…)
    quoted: tuple[Quote, ...] = ()    # where the generated 说明 quotes the clerk's typed texts


def typed_texts(document: Document, year: int) -> list[str]:
    """Everything the clerk typed as text in the year and the document-wide sections, line by line."""
    texts: list[str] = []
    data = document.years[year]
    sections = list(data.sections.values()) + list(document.sections.values())
    for section in sections:
        for row in section.rows.values():
            texts += [value for value in row.values() if isinstance(value, str) and len(value.strip()) >= TYPED_MIN]
    texts += [text for text in data.explanations.values() if text]
    return [line.strip() for text in texts for line in text.splitlines() if len(line.strip()) >= TYPED_MIN]


_LEAD_IN = re.compile(r"^[^，,。；;：:0-9]{1,12}[：:]")  # "主要原因：", "数量指标：" before a quoted text


def body(sentence: Sentence) -> str:
    """A sentence's words as a quote is compared: without a lead-in like "主要原因：" or its end mark."""
    text = sentence.text
    while _LEAD_IN.match(text):  # the 说明 adds "主要原因：" before a reason the clerk began with it too
        text = _LEAD_IN.sub("", text, count=1)
    return text.rstrip("。；;")


def _is_typed(sentence: Sentence, typed: str) -> bool:
    words = body(sentence)
    return len(words) >= TYPED_MIN and _within(words, typed)


@lru_cache(maxsize=32768)  # after an edit of an amount, 审核 K-22 asks again about the same sentences and texts
def _within(words: str, typed: str) -> bool:
    return words in typed


def reference_of(lines: list[str], typed: list[str], year: int, department: str, fmt: FormatProfile,
                 typed_sentences: tuple[Sentence, ...] = ()) -> Reference:
    """The claims of generated `lines`, leaving out the sentences that quote the clerk's `typed` texts."""
    joined = "\n".join(typed)  # a sentence never spans lines: one search instead of one per text
    generated, quoted = [], []
    for sentence in sentences(lines):
        if _is_typed(sentence, joined):
            quoted.append(Quote(sentence.paragraph, body(sentence), sentence.headings))
        else:
            generated.append(sentence)
    claims = tuple(claim for sentence in generated for claim in claims_of(sentence))
    headings = tuple(dict.fromkeys(heading_title(h) for path in dict.fromkeys(s.headings for s in generated) for h in path))
    return Reference(year, department, fmt, tuple(generated), claims, headings, typed_sentences, tuple(quoted))


def build_reference(document: Document, year: int, typed: bool = True) -> Reference:
    """The generated 说明's claims; with `typed`, also the clerk's typed sentences, against which an
    edited copy of them is compared (False when those typed texts are what is being checked)."""
    from desktop.narrative.generator import generate_narrative
    narrative = generate_narrative(document, year)
    texts = typed_texts(document, year)
    profile = load_profile(document.years[year].profile)
    typed_sentences = tuple(dict.fromkeys(sentences(texts))) if typed else ()
    return reference_of(narrative.text().splitlines(), texts, year, document.department_name, profile.format,
                        typed_sentences)
