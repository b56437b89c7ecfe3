; FiscalDesk installer: NSIS 3, Unicode, Chinese pages, per user (no administrator rights).
;
;   makensis -DVERSION=0.1.0 installer.nsi
;
; packs dist\FiscalDesk-onedir (from `pyinstaller build.spec -- --onedir`) into
; dist\FiscalDesk-<VERSION>-安装程序.exe. packaging/dist.py runs it; CI compiles it on Linux with the
; Linux build standing in as the payload, so a broken script cannot land.
;
; The program goes to %LOCALAPPDATA%\Programs\FiscalDesk, with shortcuts on the desktop and in the
; Start menu, and .fdesk documents open with it. Uninstalling removes the program files, the
; shortcuts and the file association only: documents, wherever the clerk saved them, and the user
; data folder (%APPDATA%\FiscalDesk: settings, recent files, backups) are kept.

Unicode true
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

Name "${PRODUCT_TITLE}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\FiscalDesk"
InstallDirRegKey HKCU "Software\FiscalDesk" "InstallDir"
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
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将删除 ${PRODUCT} 的程序文件、快捷方式和 .fdesk 文件关联。$\r$\n您的文档（.fdesk 文件）、设置（%APPDATA%\FiscalDesk）以及备份和日志（%LOCALAPPDATA%\FiscalDesk）都会保留。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "FiscalDesk" SectionProgram
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; an earlier version's program files go first, so nothing stale is left beside the new ones
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  WriteRegStr HKCU "Software\FiscalDesk" "InstallDir" "$INSTDIR"

  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT_TITLE}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\卸载 ${PRODUCT}.lnk" "$INSTDIR\${UNINSTALLER}"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; .fdesk documents open with FiscalDesk (HKCU\Software\Classes: this user only, no administrator)
  WriteRegStr HKCU "Software\Classes\.fdesk" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "FiscalDesk 决算文档"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; 设置 ▸ 应用 (Programs and Features) entry
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_TITLE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\${PRODUCT}.lnk"
  RMDir /r "$SMPROGRAMS\${PRODUCT}"

  ; the program's own files only; a document saved into this folder keeps the folder alive
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  ; the association, if it is still ours
  ReadRegStr $0 HKCU "Software\Classes\.fdesk" ""
  StrCmp $0 "${PROG_ID}" 0 +2
    DeleteRegValue HKCU "Software\Classes\.fdesk" ""
  DeleteRegKey /ifempty HKCU "Software\Classes\.fdesk"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\FiscalDesk"
SectionEnd
