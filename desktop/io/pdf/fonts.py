"""The PDF's fonts: Windows' 宋体/黑体/仿宋 when the PC has them (and reportlab can read them),
else the bundled TrueType fonts.

reportlab embeds TrueType outlines only (never CFF/OTF CJK fonts) and always as subsets, so the
file prints the same on every PC. The bundled 宋体-style font covers GB 2312; any character it
lacks is set in the fallback font (`markup`), so no glyph ever prints as an empty box.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from desktop.paths import resource_path, resources_dir

ROLES = ("song", "hei", "fang", "fallback", "latin", "latin_bold")
FONT_NAMES = {role: "FD-" + role.title().replace("_", "") for role in ROLES}
BOLD_FACES = ("hei",)  # faces whose digits are set in latin_bold
log = logging.getLogger(__name__)


class FontError(RuntimeError):
    """No usable font file for a role (the bundled fonts are missing or damaged)."""


@dataclass(frozen=True)
class FontChoice:
    role: str
    name: str  # the name registered with reportlab
    path: Path
    index: int  # subfont of a .ttc
    system: bool  # a Windows font rather than a bundled one


def typesetting() -> dict[str, Any]:
    return json.loads(resource_path("publication", "typesetting.json").read_text(encoding="utf-8"))


def validate_font_candidates(data: Any) -> list[str]:
    """The one validator of the font table: every role has candidates with a path and an index,
    and the last candidate of each role is a bundled font (so a PC without fonts still works)."""
    fonts = data.get("fonts") if isinstance(data, dict) else None
    if not isinstance(fonts, dict):
        return ["typesetting.json 缺少 fonts"]
    problems = []
    for role in ROLES:
        candidates = fonts.get(role)
        if not isinstance(candidates, list) or not candidates:
            problems.append(f"fonts.{role} 须为非空列表")
            continue
        for entry in candidates:
            if not (isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get("index"), int)):
                problems.append(f"fonts.{role}: {entry!r} 须有 path 与 index")
        last = candidates[-1].get("path") if isinstance(candidates[-1], dict) else None
        if not (isinstance(last, str) and last.startswith("resources/")):
            problems.append(f"fonts.{role} 的最后一项须为 resources/fonts 中的字体")
    return problems


def _expand(path: str) -> Path | None:
    if path.startswith("resources/"):
        return resources_dir().joinpath(*path.split("/")[1:])
    for variable in ("WINDIR", "LOCALAPPDATA"):
        token = f"%{variable}%"
        if token in path:
            value = os.environ.get(variable)
            if not value:
                return None
            path = path.replace(token, value)
    return Path(path)


def choose_fonts(data: dict[str, Any] | None = None,
                 usable: Callable[[FontChoice], bool] | None = None) -> dict[str, FontChoice]:
    """The first candidate file for every role that exists and that `usable` (when given) accepts:
    a system font it refuses gives way to the next candidate, in the end the bundled one."""
    data = data or typesetting()
    problems = validate_font_candidates(data)
    if problems:
        raise FontError("；".join(problems))
    chosen = {}
    for role in ROLES:
        for entry in data["fonts"][role]:
            path = _expand(entry["path"])
            if path is None or not path.is_file():
                continue
            choice = FontChoice(role, FONT_NAMES[role], path, entry["index"], not entry["path"].startswith("resources/"))
            if usable is None or usable(choice):
                chosen[role] = choice
                break
        else:
            raise FontError(f"找不到可用的{role}字体文件（resources/fonts 是否完整？）")
    return chosen


def load_fonts() -> tuple[dict[str, FontChoice], dict[str, Any]]:
    """Every role's font read by reportlab (not yet registered): the choices and their TTFont
    objects. A PC's own font that reportlab cannot read (a damaged or unusual file) is skipped
    with a note in the log; a bundled one that cannot be read is a FontError."""
    from reportlab.pdfbase.ttfonts import TTFont

    loaded: dict[str, Any] = {}

    def load(choice: FontChoice) -> bool:
        try:
            loaded[choice.role] = TTFont(choice.name, str(choice.path), subfontIndex=choice.index)
        except Exception as exc:  # reportlab raises TTFError and plain exceptions for bad files
            if not choice.system:
                raise FontError(f"字体文件“{choice.path.name}”无法使用：{exc}") from exc
            log.warning("字体文件“%s”无法使用（%s），改用下一个候选字体", choice.path, exc)
            return False
        return True

    return choose_fonts(usable=load), loaded


@lru_cache(maxsize=1)
def register_fonts() -> dict[str, FontChoice]:
    """Register every role's font with reportlab once per process (see load_fonts); the choices made."""
    from reportlab.pdfbase import pdfmetrics

    chosen, loaded = load_fonts()
    for role in chosen:
        pdfmetrics.registerFont(loaded[role])
    return chosen


@lru_cache(maxsize=None)
def _covered(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def latin_font(font_name: str) -> str:
    """The face for digits and Latin letters set beside `font_name`."""
    bold = any(font_name == FONT_NAMES[role] for role in BOLD_FACES)
    return FONT_NAMES["latin_bold" if bold else "latin"]


def markup(text: str, font_name: str) -> str:
    """`text` as Paragraph markup: XML-escaped; runs of ASCII letters, digits and signs set in the
    Latin face, runs `font_name` cannot draw set in the fallback font; line breaks become <br/>."""
    covered = _covered(font_name)
    faces = {"latin": latin_font(font_name), "missing": FONT_NAMES["fallback"], "": ""}
    pieces: list[str] = []
    run: list[str] = []
    run_kind = ""
    for char in text:
        if "!" <= char <= "~":
            kind = "latin"
        elif char.isspace() or ord(char) in covered:
            kind = ""
        else:
            kind = "missing"
        if kind != run_kind and run:
            pieces.append(_run("".join(run), faces[run_kind]))
            run = []
        run_kind = kind
        run.append(char)
    if run:
        pieces.append(_run("".join(run), faces[run_kind]))
    return "".join(pieces)


def _run(text: str, face: str) -> str:
    escaped = escape(text).replace("\n", "<br/>")
    return f'<font name="{face}">{escaped}</font>' if face else escaped


@lru_cache(maxsize=65536)
def text_width(text: str, font_name: str, size: float) -> float:
    """The width of `text` as `markup` sets it: Latin runs in the Latin face, characters the font
    lacks in the fallback face."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    covered = _covered(font_name)
    latin, fallback = latin_font(font_name), FONT_NAMES["fallback"]
    total = 0.0
    for char in text:
        if "!" <= char <= "~":
            face = latin
        elif char.isspace() or ord(char) in covered:
            face = font_name
        else:
            face = fallback
        total += stringWidth(char, face, size)
    return total
