; The Windows installer of Joint Ledger (联营账簿), built by installer/windows/build.sh with Debian's NSIS 3:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DBUNDLE=dist/jointledger -DOUTFILE=setup.exe -DICON=x.ico jointledger.nsi
; It installs the PyInstaller one-folder bundle for the current user, without administrator rights, in Chinese or
; English; makes start-menu and desktop shortcuts; opens .jlbook files in the app; registers in Programs and
; Features; and its uninstaller removes only what it installed: the books and the data folder stay.
Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!macro Required NAME
  !ifndef ${NAME}
    !error "build.sh passes -D${NAME}=..."
  !endif
!macroend
!insertmacro Required VERSION
!insertmacro Required BUNDLE
!insertmacro Required OUTFILE
!insertmacro Required ICON
!define APP_ID "JointLedger"
!define APP_EXE "jointledger.exe"
!define PUBLISHER "Joint Ledger"
!define BOOK_PROGID "JointLedger.Book"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; platformdirs' user_data_dir("JointLedger", appauthor=False): backups, keys, logs. Never deleted.
!define DATA_FOLDER "$LOCALAPPDATA\JointLedger"

Name "联营账簿 Joint Ledger ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Joint Ledger"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "Joint Ledger setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "Apache-2.0"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "$(LicenseFile)"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_UNPAGE_FINISH

; the first language is the default; the language dialog offers both, preselecting the Windows language
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LicenseLangString LicenseFile ${LANG_SIMPCHINESE} "${BUNDLE}\_internal\resources\licenses\THIRD-PARTY-LICENSES.txt"
LicenseLangString LicenseFile ${LANG_ENGLISH} "${BUNDLE}\_internal\resources\licenses\THIRD-PARTY-LICENSES.txt"
LangString AppShortName ${LANG_SIMPCHINESE} "联营账簿"
LangString AppShortName ${LANG_ENGLISH} "Joint Ledger"
LangString BookFileType ${LANG_SIMPCHINESE} "联营账簿账套文件"
LangString BookFileType ${LANG_ENGLISH} "Joint Ledger book"
LangString SecProgram ${LANG_SIMPCHINESE} "联营账簿程序"
LangString SecProgram ${LANG_ENGLISH} "Joint Ledger program"
LangString SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString SecAssociate ${LANG_SIMPCHINESE} "双击 .jlbook 账簿文件时用联营账簿打开"
LangString SecAssociate ${LANG_ENGLISH} "Open .jlbook book files in Joint Ledger when double-clicked"
LangString UninstallLink ${LANG_SIMPCHINESE} "卸载联营账簿"
LangString UninstallLink ${LANG_ENGLISH} "Uninstall Joint Ledger"
LangString BooksKept ${LANG_SIMPCHINESE} "账簿、备份和设置都已保留，没有删除：$\r$\n${DATA_FOLDER}$\r$\n以及您保存 .jlbook 文件的文件夹。重新安装后可继续使用。"
LangString BooksKept ${LANG_ENGLISH} "Your books, backups and settings are kept, not deleted:$\r$\n${DATA_FOLDER}$\r$\nand the folders where you saved .jlbook files. Reinstall to use them again."

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "!$(SecProgram)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; a program from an older version may have left files that this one no longer has
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateDirectory "$SMPROGRAMS\$(AppShortName)"
  CreateShortcut "$SMPROGRAMS\$(AppShortName)\$(AppShortName).lnk" "$INSTDIR\${APP_EXE}"
  CreateShortcut "$SMPROGRAMS\$(AppShortName)\$(UninstallLink).lnk" "$INSTDIR\Uninstall.exe"

  ; Programs and Features (Apps): name, version, publisher, size; the quiet uninstall for administrators' tools
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "联营账簿 Joint Ledger"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "StartMenuFolder" "$SMPROGRAMS\$(AppShortName)"
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "$(SecDesktop)" SecDesktop
  CreateShortcut "$DESKTOP\$(AppShortName).lnk" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DesktopShortcut" "$DESKTOP\$(AppShortName).lnk"
SectionEnd

Section "$(SecAssociate)" SecAssociate
  ; the current user's classes: double-clicking a book runs `jointledger.exe BOOK` (app.cli.main.main opens it)
  WriteRegStr HKCU "Software\Classes\.jlbook" "" "${BOOK_PROGID}"
  WriteRegStr HKCU "Software\Classes\.jlbook\OpenWithProgids" "${BOOK_PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${BOOK_PROGID}" "" "$(BookFileType)"
  WriteRegStr HKCU "Software\Classes\${BOOK_PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\${BOOK_PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)' ; SHCNE_ASSOCCHANGED
SectionEnd

; The uninstaller removes what the installer put there and nothing else: not the data folder, not any book.
Section "Uninstall"
  ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "StartMenuFolder"
  ReadRegStr $1 HKCU "${UNINSTALL_KEY}" "DesktopShortcut"
  StrCmp $0 "" no_start_menu
  RMDir /r "$0"
  no_start_menu:
  StrCmp $1 "" no_desktop
  Delete "$1"
  no_desktop:
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\jointledger.exe"
  Delete "$INSTDIR\jointledger-cli.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR" ; only when empty: a book someone saved in the program's folder stays, and the folder with it

  ReadRegStr $2 HKCU "Software\Classes\.jlbook" ""
  StrCmp $2 "${BOOK_PROGID}" 0 not_ours
  DeleteRegKey HKCU "Software\Classes\.jlbook"
  not_ours:
  DeleteRegKey HKCU "Software\Classes\${BOOK_PROGID}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  IfSilent done
  MessageBox MB_OK|MB_ICONINFORMATION "$(BooksKept)"
  done:
SectionEnd
