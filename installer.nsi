; FiscalDesk installer: NSIS 3, 64-bit, Unicode, Chinese pages; per user by default (no
; administrator rights), for all users with /ALLUSERS.
;
;   makensis -DVERSION=0.1.0 installer.nsi
;
; packs dist\FiscalDesk-onedir (from `pyinstaller build.spec -- --onedir`) into
; dist\FiscalDesk-<VERSION>-安装程序.exe. packaging/dist.py runs it; CI compiles it on Linux with the
; Linux build standing in as the payload, so a broken script cannot land, and runs it under Wine
; (tests/packaging/test_installer_wine.py).
;
; Per user, the program goes to %LOCALAPPDATA%\Programs\FiscalDesk and registers under HKCU; with
; /ALLUSERS (run as administrator, e.g. by IT's deployment tool) to %ProgramFiles%\FiscalDesk under
; HKLM, with shortcuts for every user. Either way there are shortcuts on the desktop and in the
; Start menu, and .fdesk documents open with it. It refuses a Windows Qt 6 cannot run on, a
; downgrade (unless /FORCE) and a FiscalDesk that is still running; an upgrade replaces the old
; program files. Uninstalling removes the program files, the shortcuts and the file association;
; settings, backups and the log only when the clerk says so; documents never.

Target amd64-unicode  ; Qt 6 runs only on 64-bit Windows, so the installer is 64-bit too
ManifestDPIAware true
RequestExecutionLevel user
SetDateSave off  ; no file times in the installer: two builds of one commit are the same file
!ifdef COMPRESSOR
  SetCompressor ${COMPRESSOR}  ; CI: -DCOMPRESSOR=zlib, it checks the script, not the ratio
!else
  SetCompressor /SOLID lzma
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "WordFunc.nsh"

!ifndef VERSION
  !error "缺少版本号：makensis -DVERSION=x.y.z installer.nsi"
!endif
!ifndef PAYLOAD
  !define PAYLOAD "dist\FiscalDesk-onedir"
!endif
!ifndef OUTFILE
  !define OUTFILE "dist\FiscalDesk-${VERSION}-安装程序.exe"
!endif

!define PRODUCT "FiscalDesk"
!define PRODUCT_TITLE "FiscalDesk 部门决算公开与绩效自评助手"
!define EXE "FiscalDesk.exe"
!define UNINSTALLER "卸载FiscalDesk.exe"
!define PROG_ID "FiscalDesk.Document"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\FiscalDesk"
!define ICON "resources\icons\fiscaldesk.ico"
!define CLI_EXE "fiscaldesk-cli.exe"
!define MIN_BUILD 17763  ; Windows 10 1809: the oldest Windows Qt 6 runs on
; exit codes besides NSIS's own (0 installed, 1 cancelled, 2 stopped on an error); docs/windows-build.md
!define EXIT_UNSUPPORTED 3
!define EXIT_NEWER_INSTALLED 4
!define EXIT_RUNNING 5
!define EXIT_NOT_ADMIN 6

Name "${PRODUCT_TITLE}"
OutFile "${OUTFILE}"
; no InstallDir: .onInit chooses the folder by install mode (or keeps /D=)
ShowInstDetails show
ShowUninstDetails show
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT_TITLE} 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PRODUCT}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "安装 ${PRODUCT_TITLE}"
!define MUI_WELCOMEPAGE_TEXT "本程序将把 ${PRODUCT} ${VERSION} 安装到您的用户目录，不需要管理员权限。$\r$\n$\r$\n如 ${PRODUCT} 正在运行，请先关闭它，再点击“下一步”。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在运行 ${PRODUCT}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将删除 ${PRODUCT} 的程序文件、快捷方式和 .fdesk 文件关联。$\r$\n您的文档（.fdesk 文件）不会被删除；设置、备份和日志是否删除，稍后会询问。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; Before any page: Qt 6 needs Windows 10 1809 or later (a 64-bit installer does not start on
; 32-bit Windows at all); /ALLUSERS needs an administrator; a newer FiscalDesk already installed
; is never replaced by an older one unless the installer runs with /FORCE.
Function .onInit
  ${WinVerGetBuild} $0
  ${IfNot} ${AtLeastWin10}
  ${OrIf} $0 < ${MIN_BUILD}
    MessageBox MB_ICONSTOP "${PRODUCT} 需要 64 位的 Windows 10（1809 版或更新）或 Windows 11。$\r$\n这台电脑的系统不受支持，安装已取消。" /SD IDOK
    SetErrorLevel ${EXIT_UNSUPPORTED}
    Quit
  ${EndIf}
  ${GetParameters} $3
  ClearErrors
  ${GetOptions} $3 "/ALLUSERS" $4
  ${IfNot} ${Errors}
    UserInfo::GetAccountType
    Pop $5
    ${If} $5 != "Admin"
      MessageBox MB_ICONSTOP "为所有用户安装（/ALLUSERS）需要管理员权限。$\r$\n请以管理员身份运行本安装程序，或去掉 /ALLUSERS 只为自己安装。" /SD IDOK
      SetErrorLevel ${EXIT_NOT_ADMIN}
      Quit
    ${EndIf}
    SetShellVarContext all  ; $SMPROGRAMS, $DESKTOP and SHCTX (HKLM) are now every user's
    StrCpy $6 "$PROGRAMFILES64\FiscalDesk"
  ${Else}
    SetShellVarContext current
    StrCpy $6 "$LOCALAPPDATA\Programs\FiscalDesk"
  ${EndIf}
  ${If} $INSTDIR == ""  ; no /D=: where this mode installed before, else the mode's own folder
    ReadRegStr $INSTDIR SHCTX "Software\FiscalDesk" "InstallDir"
    ${If} $INSTDIR == ""
      StrCpy $INSTDIR $6
    ${EndIf}
  ${EndIf}
  ReadRegStr $1 SHCTX "${UNINSTALL_KEY}" "DisplayVersion"
  ${If} $1 != ""
    ${VersionCompare} "${VERSION}" "$1" $2  ; 0 the same, 1 this one is newer, 2 this one is older
    ClearErrors
    ${GetOptions} $3 "/FORCE" $4
    ${If} $2 == 2
    ${AndIf} ${Errors}
      MessageBox MB_ICONSTOP "这台电脑上已安装较新的 ${PRODUCT} $1，本安装程序是 ${VERSION}，不会用旧版本替换新版本。$\r$\n如确需换回旧版本，请先卸载 $1，或以 /FORCE 参数运行本安装程序。" /SD IDOK
      SetErrorLevel ${EXIT_NEWER_INSTALLED}
      Quit
    ${EndIf}
  ${EndIf}
FunctionEnd

; The uninstaller works in the mode its copy was installed in: for all users when HKLM names its
; folder (which needs an administrator, as installing did).
Function un.onInit
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 == $INSTDIR
    UserInfo::GetAccountType
    Pop $1
    ${If} $1 != "Admin"
      MessageBox MB_ICONSTOP "${PRODUCT} 是为所有用户安装的，卸载需要管理员权限。$\r$\n请以管理员身份运行卸载程序。" /SD IDOK
      SetErrorLevel ${EXIT_NOT_ADMIN}
      Quit
    ${EndIf}
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

; A program file that is running cannot be replaced (NSIS would skip it and leave an old program
; beside new files): FiscalDesk must be closed first. A running program's file cannot be opened
; for writing, which is how this finds out.
Function RefuseWhileRunning
  ${ForEach} $R1 1 60 + 1
    StrCpy $R0 ""
    ${If} ${FileExists} "$INSTDIR\${EXE}"
      ClearErrors
      FileOpen $0 "$INSTDIR\${EXE}" a
      ${If} ${Errors}
        StrCpy $R0 "${EXE}"
      ${Else}
        FileClose $0
      ${EndIf}
    ${EndIf}
    ${If} ${FileExists} "$INSTDIR\${CLI_EXE}"
      ClearErrors
      FileOpen $0 "$INSTDIR\${CLI_EXE}" a
      ${If} ${Errors}
        StrCpy $R0 "${CLI_EXE}"
      ${Else}
        FileClose $0
      ${EndIf}
    ${EndIf}
    ${If} $R0 == ""
      Return
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${PRODUCT} 正在运行（$R0），不能更新它的文件。$\r$\n请关闭所有 ${PRODUCT} 窗口（修改都已自动保存），再点“重试”。" /SD IDCANCEL IDRETRY retry
    SetErrorLevel ${EXIT_RUNNING}
    Quit
    retry:
  ${Next}
  SetErrorLevel ${EXIT_RUNNING}
  Quit
FunctionEnd

Section "FiscalDesk" SectionProgram
  SectionIn RO
  Call RefuseWhileRunning
  SetOutPath "$INSTDIR"
  ; an earlier version's program files go first, so nothing stale is left beside the new ones
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  WriteRegStr SHCTX "Software\FiscalDesk" "InstallDir" "$INSTDIR"

  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT_TITLE}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\卸载 ${PRODUCT}.lnk" "$INSTDIR\${UNINSTALLER}"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; .fdesk documents open with FiscalDesk (SHCTX\Software\Classes: HKCU for this user, HKLM for all)
  WriteRegStr SHCTX "Software\Classes\.fdesk" "" "${PROG_ID}"
  WriteRegStr SHCTX "Software\Classes\${PROG_ID}" "" "FiscalDesk 决算文档"
  WriteRegStr SHCTX "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; 设置 ▸ 应用 (Programs and Features) entry
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_TITLE}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  RMDir /r "$SMPROGRAMS\${PRODUCT}"

  ; the program's own files only; a document saved into this folder keeps the folder alive
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  ; the association, if it is still ours
  ReadRegStr $0 SHCTX "Software\Classes\.fdesk" ""
  StrCmp $0 "${PROG_ID}" 0 +2
    DeleteRegValue SHCTX "Software\Classes\.fdesk" ""
  DeleteRegKey /ifempty SHCTX "Software\Classes\.fdesk"
  DeleteRegKey SHCTX "Software\Classes\${PROG_ID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DeleteRegKey SHCTX "Software\FiscalDesk"

  ; the clerk's own data only when asked (a silent uninstall keeps it); documents are never touched.
  ; Settings, backups and the log are the user's who uninstalls, in either mode.
  SetShellVarContext current
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "是否同时删除 ${PRODUCT} 的设置、备份和日志？$\r$\n（您的 .fdesk 文档不会被删除；选“否”则全部保留，重新安装后照常使用。）" /SD IDNO IDNO keep_data
    Delete "$APPDATA\FiscalDesk\settings.json"
    RMDir /r "$LOCALAPPDATA\FiscalDesk\backups"
    RMDir /r "$LOCALAPPDATA\FiscalDesk\logs"
    RMDir "$LOCALAPPDATA\FiscalDesk"
    RMDir "$APPDATA\FiscalDesk"
  keep_data:
SectionEnd
