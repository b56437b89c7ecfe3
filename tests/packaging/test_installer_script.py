"""installer.nsi read as text: what running it under Wine (test_installer_wine.py) cannot show.

Wine runs it as an administrator and silently, so the questions' default answers, the refusal of
/ALLUSERS without rights and the encoding makensis needs on Windows are checked here.
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


def test_a_64_bit_unicode_chinese_installer_that_never_asks_for_administrator_rights():
    text = SCRIPT.read_text("utf-8-sig")
    for line in ("Target amd64-unicode", "RequestExecutionLevel user", '!insertmacro MUI_LANGUAGE "SimpChinese"'):
        assert re.search(rf"^{re.escape(line)}", text, re.M), line


def test_every_key_goes_where_the_install_mode_says():
    """SHCTX is HKCU per user and HKLM with /ALLUSERS: no write names a hive of its own."""
    text = SCRIPT.read_text("utf-8-sig")
    writes = re.findall(r"^\s*(?:WriteReg\w+|DeleteReg\w+)\s+(?:/ifempty\s+)?(\w+)", text, re.M)
    assert writes and set(writes) == {"SHCTX"}, writes


def test_all_users_mode_needs_an_administrator_before_anything_else():
    """Wine runs as an administrator, so only the script shows what a clerk without rights gets."""
    text = SCRIPT.read_text("utf-8-sig")
    for function in ("Function .onInit", "Function un.onInit"):
        body = text[text.index(function):text.index("FunctionEnd", text.index(function))]
        check, switch = body.index("UserInfo::GetAccountType"), body.index("SetShellVarContext all")
        assert check < switch, function
        between = body[check:switch]
        assert '${If} $' in between and '!= "Admin"' in between and "SetErrorLevel ${EXIT_NOT_ADMIN}" in between
        assert "Quit" in between, function


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
    assert 'WriteRegStr SHCTX "Software\\Classes\\.fdesk" "" "${PROG_ID}"' in install
    assert "shell\\open\\command\" \"\" '\"$INSTDIR\\${EXE}\" \"%1\"'" in install
