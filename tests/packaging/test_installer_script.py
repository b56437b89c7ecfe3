"""installer.nsi read as text: what CI's makensis run cannot see (it compiles, it does not install).

The uninstaller must keep the clerk's documents and the user data folder, the installer must
never ask for administrator rights, and makensis on Windows and Linux must read the Chinese.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installer.nsi"


def section(text: str, name: str) -> str:
    match = re.search(rf'^Section "{name}".*?^SectionEnd', text, re.M | re.S)
    assert match, name
    return match.group(0)


def test_the_script_is_utf8_with_a_byte_order_mark_so_makensis_reads_the_chinese_everywhere():
    data = SCRIPT.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "卸载" in data.decode("utf-8-sig")


def test_per_user_unicode_chinese_installer():
    text = SCRIPT.read_text("utf-8-sig")
    for line in ("Unicode true", "RequestExecutionLevel user", '!insertmacro MUI_LANGUAGE "SimpChinese"',
                 'InstallDir "$LOCALAPPDATA\\Programs\\FiscalDesk"'):
        assert re.search(rf"^{re.escape(line)}$", text, re.M), line
    assert "HKLM" not in text, "a per-user install writes only under HKCU"


def test_the_uninstaller_removes_only_what_the_installer_wrote_and_user_data_only_when_asked():
    text = SCRIPT.read_text("utf-8-sig")
    uninstall = section(text, "Uninstall")
    program_part, question, asked_part = uninstall.partition("MessageBox MB_YESNO")
    assert question, "the uninstaller asks before it deletes the clerk's data"
    for user_place in ("$APPDATA", "$LOCALAPPDATA\\FiscalDesk", "$DOCUMENTS", "$PROFILE", "*.fdesk"):
        assert user_place not in program_part, user_place
    asking = asked_part.splitlines()[0]
    assert "MB_DEFBUTTON2" in asking and "/SD IDNO" in asking and "IDNO keep_data" in asking, "否 unless the clerk says so"
    for never in ("$DOCUMENTS", "$PROFILE", "*.fdesk", "$DESKTOP"):
        assert never not in asked_part, never
    recursive = re.findall(r'RMDir /r "([^"]+)"', uninstall)
    assert sorted(recursive) == ["$INSTDIR\\_internal", "$LOCALAPPDATA\\FiscalDesk\\backups",
                                 "$LOCALAPPDATA\\FiscalDesk\\logs", "$SMPROGRAMS\\${PRODUCT}"], recursive
    assert re.search(r'^\s*RMDir "\$INSTDIR"$', uninstall, re.M), "the program folder goes only when empty"
    assert re.search(r'^\s*RMDir "\$APPDATA\\FiscalDesk"$', asked_part, re.M), "the data folder only when empty"


def test_shortcuts_and_association_point_at_the_program():
    install = section(SCRIPT.read_text("utf-8-sig"), "FiscalDesk")
    assert 'CreateShortcut "$DESKTOP\\${PRODUCT}.lnk" "$INSTDIR\\${EXE}"' in install
    assert re.search(r'CreateShortcut "\$SMPROGRAMS\\\$\{PRODUCT\}\\.*" "\$INSTDIR\\\$\{EXE\}"', install)
    assert 'WriteRegStr HKCU "Software\\Classes\\.fdesk" "" "${PROG_ID}"' in install
    assert "shell\\open\\command\" \"\" '\"$INSTDIR\\${EXE}\" \"%1\"'" in install
