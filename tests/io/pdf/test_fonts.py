"""The PDF's fonts (desktop/io/pdf/fonts.py): Windows fonts found through %WINDIR% and
%LOCALAPPDATA% before the bundled ones, the validator of the font table, registration with
reportlab, and `markup`, which escapes text and sets Latin runs and missing glyphs in other faces.
"""

import copy
import logging
import shutil

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from desktop.io.pdf import fonts
from desktop.io.pdf.fonts import FONT_NAMES, FontError, choose_fonts, latin_font, markup, validate_font_candidates
from desktop.paths import resources_dir

BUNDLED = resources_dir() / "fonts"
WINDOWS_FILES = {"simsun.ttc": "gbsn00lp.ttf", "simhei.ttf": "wqy-microhei.ttc", "simfang.ttf": "gbsn00lp.ttf",
                 "times.ttf": "LiberationSerif-Regular.ttf", "timesbd.ttf": "LiberationSerif-Bold.ttf"}
SONG = FONT_NAMES["song"]


def _fake_fonts(folder, names):
    folder.mkdir(parents=True)
    for name in names:
        shutil.copyfile(BUNDLED / WINDOWS_FILES[name], folder / name)


@pytest.fixture(scope="module")
def registered():
    return fonts.register_fonts()


# ------------------------------------------------------------------ choosing files


def test_windows_fonts_are_preferred_when_windir_has_them(tmp_path, monkeypatch):
    _fake_fonts(tmp_path / "Fonts", WINDOWS_FILES)
    monkeypatch.setenv("WINDIR", str(tmp_path))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    chosen = choose_fonts(fonts.typesetting())
    for role, name in (("song", "simsun.ttc"), ("hei", "simhei.ttf"), ("fang", "simfang.ttf"),
                       ("latin", "times.ttf"), ("latin_bold", "timesbd.ttf")):
        assert chosen[role].path == tmp_path / "Fonts" / name, role
        assert chosen[role].system, role
    assert chosen["fallback"].path == BUNDLED / "wqy-microhei.ttc"  # never a Windows font
    assert not chosen["fallback"].system


def test_bundled_fonts_without_windows_folders(monkeypatch):
    monkeypatch.delenv("WINDIR", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    chosen = choose_fonts()
    assert set(chosen) == set(fonts.ROLES)
    assert not any(choice.system for choice in chosen.values())
    assert all(choice.path.parent == BUNDLED and choice.path.is_file() for choice in chosen.values())
    assert chosen["song"].path.name == "gbsn00lp.ttf" and chosen["latin"].path.name == "LiberationSerif-Regular.ttf"
    assert {role: c.name for role, c in chosen.items()} == FONT_NAMES


def test_per_user_fonts_are_found_through_localappdata(tmp_path, monkeypatch):
    (tmp_path / "windows").mkdir()  # a WINDIR without the font
    _fake_fonts(tmp_path / "user" / "Microsoft" / "Windows" / "Fonts", ["simsun.ttc"])
    monkeypatch.setenv("WINDIR", str(tmp_path / "windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "user"))
    chosen = choose_fonts()
    assert chosen["song"].path == tmp_path / "user" / "Microsoft" / "Windows" / "Fonts" / "simsun.ttc"
    assert chosen["song"].system
    assert not chosen["hei"].system and chosen["hei"].path == BUNDLED / "wqy-microhei.ttc"


def test_committed_font_table_validates():
    assert validate_font_candidates(fonts.typesetting()) == []


def test_validator_rejects_a_role_without_a_bundled_last_candidate():
    data = copy.deepcopy(fonts.typesetting())
    data["fonts"]["song"] = data["fonts"]["song"][:1]  # only %WINDIR%/Fonts/simsun.ttc
    assert validate_font_candidates(data) == ["fonts.song 的最后一项须为 resources/fonts 中的字体"]
    with pytest.raises(FontError, match="fonts.song"):
        choose_fonts(data)


def test_validator_rejects_missing_roles_and_incomplete_entries():
    data = copy.deepcopy(fonts.typesetting())
    del data["fonts"]["latin"]
    data["fonts"]["hei"].insert(0, {"path": "%WINDIR%/Fonts/simhei.ttf"})
    problems = validate_font_candidates(data)
    assert "fonts.latin 须为非空列表" in problems
    assert any(p.startswith("fonts.hei:") and "须有 path 与 index" in p for p in problems)
    assert validate_font_candidates({}) == ["typesetting.json 缺少 fonts"]


def test_validator_reports_a_non_text_path_instead_of_crashing():
    data = copy.deepcopy(fonts.typesetting())
    data["fonts"]["song"] = [{"path": 5, "index": 0}]
    assert any(p.startswith("fonts.song") for p in validate_font_candidates(data))


def test_a_missing_bundled_file_is_a_font_error(monkeypatch):
    monkeypatch.delenv("WINDIR", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    data = copy.deepcopy(fonts.typesetting())
    data["fonts"]["fallback"] = [{"path": "resources/fonts/no-such-font.ttf", "index": 0}]
    with pytest.raises(FontError, match="fallback"):
        choose_fonts(data)


# ------------------------------------------------------------------ registration and markup


def test_a_windows_font_reportlab_cannot_read_gives_way_to_the_bundled_one(tmp_path, monkeypatch, caplog):
    """A damaged or unusual 宋体 on some PC: the export uses the next candidate (the bundled font)
    and says so in the log, instead of failing."""
    _fake_fonts(tmp_path / "Fonts", WINDOWS_FILES)
    (tmp_path / "Fonts" / "simsun.ttc").write_bytes(b"not a TrueType font" * 100)
    monkeypatch.setenv("WINDIR", str(tmp_path))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    with caplog.at_level(logging.WARNING, logger="desktop.io.pdf.fonts"):
        chosen, loaded = fonts.load_fonts()
    assert chosen["song"].path == BUNDLED / "gbsn00lp.ttf" and not chosen["song"].system
    assert loaded["song"].face.filename == str(BUNDLED / "gbsn00lp.ttf")
    assert chosen["hei"].path == tmp_path / "Fonts" / "simhei.ttf" and chosen["hei"].system
    assert set(loaded) == set(fonts.ROLES)
    assert "simsun.ttc" in caplog.text


def test_a_bundled_font_reportlab_cannot_read_is_a_font_error(tmp_path, monkeypatch):
    broken = tmp_path / "resources" / "fonts"
    shutil.copytree(BUNDLED, broken)
    (broken / "gbsn00lp.ttf").write_bytes(b"not a TrueType font" * 100)
    monkeypatch.setattr(fonts, "resources_dir", lambda: tmp_path / "resources")
    monkeypatch.delenv("WINDIR", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    with pytest.raises(FontError, match="gbsn00lp.ttf"):
        fonts.load_fonts()


def test_no_usable_candidate_is_a_font_error():
    with pytest.raises(FontError, match="song"):
        choose_fonts(usable=lambda choice: False)


def test_register_fonts_registers_every_role(registered):
    assert set(registered) == set(fonts.ROLES)
    for choice in registered.values():  # roles sharing a file share reportlab's font object
        assert pdfmetrics.getFont(choice.name).face.filename == str(choice.path)
    assert pdfmetrics.stringWidth("测", SONG, 10) == 10  # a full-width glyph is one em


def test_latin_face_follows_the_weight():
    assert latin_font(FONT_NAMES["hei"]) == FONT_NAMES["latin_bold"]
    assert latin_font(SONG) == latin_font(FONT_NAMES["fang"]) == FONT_NAMES["latin"]


def test_markup_escapes_xml(registered):
    assert markup("a<b>&c", SONG) == '<font name="FD-Latin">a&lt;b&gt;&amp;c</font>'
    assert markup("收入<支出", SONG) == '收入<font name="FD-Latin">&lt;</font>支出'


def test_markup_sets_digits_in_the_latin_face(registered):
    assert markup("金额78,129,577.73元", SONG) == '金额<font name="FD-Latin">78,129,577.73</font>元'
    assert markup("黑体12", FONT_NAMES["hei"]) == '黑体<font name="FD-LatinBold">12</font>'
    assert markup("（一）收入", SONG) == "（一）收入"  # all covered: no tags at all


def test_markup_sets_missing_characters_in_the_fallback_face(registered):
    assert ord("測") not in fonts._covered(SONG) and ord("测") in fonts._covered(SONG)
    assert markup("測試", SONG) == '<font name="FD-Fallback">測試</font>'
    assert markup("甲𠀀1", SONG) == '甲<font name="FD-Fallback">𠀀</font><font name="FD-Latin">1</font>'


def test_markup_turns_newlines_into_breaks(registered):
    assert markup("第一行\n第二行", SONG) == "第一行<br/>第二行"
    assert markup("A 1", SONG) == '<font name="FD-Latin">A</font> <font name="FD-Latin">1</font>'


def test_markup_round_trips_through_a_paragraph(registered):
    from desktop.io.pdf.styles import build_styles

    style = build_styles(fonts.typesetting()["sizes"]).body
    text = "收入<合计>&“三公”測 78,129,577.73元"
    paragraph = Paragraph(markup(text, style.fontName), style)
    assert "".join(frag.text for frag in paragraph.frags) == text
    assert {frag.fontName for frag in paragraph.frags} == {style.fontName, "FD-Latin", "FD-Fallback"}
