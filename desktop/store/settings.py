"""User settings: recent documents (and the year last shown in each), the last one open, the
display unit, the window layout.

Kept as a small JSON file in the per-user data folder (never beside the executable), written
atomically so a crash mid-write leaves the previous settings. A damaged file is ignored: the
defaults are always a valid start.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desktop.paths import user_data_dir

MAX_RECENT = 8
UNIT_CHOICES = ("按模板", "元", "万元")  # 视图 ▸ 金额单位: the template's units, or every amount in 元 or 万元


@dataclass
class Settings:
    recent: list[str] = field(default_factory=list)
    last_document: str = ""
    unit: str = "按模板"
    window_geometry: str = ""
    window_state: str = ""
    # per screen size ("1366x768"): {"geometry": ..., "state": ...}, the layout last left on it
    layouts: dict = field(default_factory=dict)
    # per recent document (its resolved path): the fiscal year last shown, so reopening shows it again
    years: dict = field(default_factory=dict)

    def remember_layout(self, screen: str, geometry: str, state: str) -> None:
        if screen:
            self.layouts[screen] = {"geometry": geometry, "state": state}

    def layout_for(self, screen: str) -> tuple[str, str] | None:
        """(geometry, state) saved for this screen size, or None."""
        saved = self.layouts.get(screen)
        if not isinstance(saved, dict):
            return None
        geometry, state = saved.get("geometry", ""), saved.get("state", "")
        if not isinstance(geometry, str) or not isinstance(state, str) or not (geometry or state):
            return None
        return geometry, state

    def remember(self, path: Path, year: int | None = None) -> None:
        text = str(Path(path).resolve())
        self.recent = [text] + [p for p in self.recent if p != text][:MAX_RECENT - 1]
        self.last_document = text
        if year is not None:
            self.years[text] = year
        self.years = {p: y for p, y in self.years.items() if p in self.recent}

    def year_for(self, path: Path) -> int | None:
        """The year last shown for a document, or None."""
        year = self.years.get(str(Path(path).resolve()))
        return year if type(year) is int else None

    def forget(self, path: Path) -> None:
        text = str(Path(path).resolve())
        self.recent = [p for p in self.recent if p != text]
        self.years.pop(text, None)
        if self.last_document == text:
            self.last_document = ""


def settings_path() -> Path:
    return user_data_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    defaults = Settings()
    values = {}
    for key, default in asdict(defaults).items():
        value = raw.get(key, default)
        values[key] = value if isinstance(value, type(default)) else default
    values["recent"] = [p for p in values["recent"] if isinstance(p, str)][:MAX_RECENT]
    values["layouts"] = {k: v for k, v in values["layouts"].items() if isinstance(k, str) and isinstance(v, dict)}
    values["years"] = {k: v for k, v in values["years"].items() if k in values["recent"] and type(v) is int}
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)
