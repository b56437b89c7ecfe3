"""The right figures: every claim of the 说明 FiscalDesk generates from the document's tables.

The generator already computes each total, share, growth, 车均, 执行率 and score the template
asks for, at full precision before display, so its sentences are the reference. Sentences the
clerk typed (reasons, 项目概况…) are quoted in the generated 说明 too; they are no reference, since
their figures are what is being checked, and are left out here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from desktop.domain.document import Document
from desktop.domain.profiles import FormatProfile, load_profile
from desktop.review.claims import Claim, claims_of
from desktop.review.outline import Sentence, heading_title, sentences

TYPED_MIN = 4  # a typed text shorter than this cannot be told from the generator's own words


@dataclass(frozen=True)
class Reference:
    year: int
    department: str
    format: FormatProfile
    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]
    headings: tuple[str, ...]         # every heading title of the generated 说明, in order
    typed: tuple[Sentence, ...] = ()  # the sentences the clerk typed into the document (reasons, 概况…)


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


def _is_typed(sentence: Sentence, typed: Iterable[str]) -> bool:
    body = sentence.text.removeprefix("主要原因：").rstrip("。；;")
    return len(body) >= TYPED_MIN and any(body in text for text in typed)


def build_reference(document: Document, year: int, typed: bool = True) -> Reference:
    """The generated 说明's claims; with `typed`, also the clerk's typed sentences, against which an
    edited copy of them is compared (False when those typed texts are what is being checked)."""
    from desktop.narrative.generator import generate_narrative
    narrative = generate_narrative(document, year)
    lines = narrative.text().splitlines()
    texts = typed_texts(document, year)
    generated = tuple(s for s in sentences(lines) if not _is_typed(s, texts))
    claims = tuple(claim for sentence in generated for claim in claims_of(sentence))
    headings = tuple(dict.fromkeys(heading_title(h) for s in generated for h in s.headings))
    profile = load_profile(document.years[year].profile)
    typed_sentences = tuple(dict.fromkeys(sentences(texts))) if typed else ()
    return Reference(year, document.department_name, profile.format, generated, claims, headings, typed_sentences)
