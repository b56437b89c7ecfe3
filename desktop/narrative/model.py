"""The generated 说明 as plain data: a title, parts, numbered sections and their paragraphs.

Kept free of any layout so the PDF exporter, the GUI preview and the CLI can each render it;
`Narrative.text()` is the plain-text rendering the CLI prints and the tests read.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NarrativeSection:
    heading: str
    paragraphs: tuple[str, ...]
    children: tuple[NarrativeSection, ...] = ()
    key: str = ""  # the builder of a top-level section (e.g. "sangong"), so a renderer can add a chart
    inserts: tuple[str, ...] = ()  # tables or charts the publication places after the paragraphs ("table:dept_score")

    def lines(self) -> list[str]:
        """The heading, its paragraphs, then each child's lines, one entry per line."""
        lines = [self.heading, *self.paragraphs]
        for child in self.children:
            lines += child.lines()
        return lines


@dataclass(frozen=True)
class NarrativePart:
    title: str
    sections: tuple[NarrativeSection, ...]


@dataclass(frozen=True)
class Narrative:
    title: str
    parts: tuple[NarrativePart, ...]

    def text(self) -> str:
        """The whole narrative as plain text: every heading and paragraph on its own line."""
        lines = [self.title]
        for part in self.parts:
            lines.append(part.title)
            for section in part.sections:
                lines += section.lines()
        return "\n".join(lines) + "\n"
