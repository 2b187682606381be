; HydroDesk's Windows installer (NSIS 3, Modern UI 2), in English and Spanish.
;
; Per-user by default: no administrator rights, installed under %LOCALAPPDATA%\Programs\HydroDesk, a Start-menu
; shortcut and an optional desktop shortcut, listed in Settings > Apps for this user. The uninstaller keeps the
; user's data (settings, cache, unsent changes, the demo farm, logs in %LOCALAPPDATA%\HydroDesk) unless the user
; ticks the box that removes it.
;
; Compiled by packaging/build.py --nsis, which passes (from the one version source and the PyInstaller bundle):
;   VERSION      0.1.0               VERSION_WIN  0.1.0.0 (four numbers, for the version resource)
;   APP_DIR      dist/HydroDesk      EXE_NAME     HydroDesk.exe
;   OUT_FILE     the installer       ICON         packaging/icons/hydrodesk.ico
;   COMPRESSOR   optional: none (CI's quick check) or zlib (default: solid LZMA, the smallest download)
; Debian's `nsis` package compiles it on Linux, where CI uses the Linux bundle as a stand-in payload.

Unicode true
ManifestDPIAware true

!ifndef VERSION | VERSION_WIN | APP_DIR | EXE_NAME | OUT_FILE | ICON
  !error "pass VERSION, VERSION_WIN, APP_DIR, EXE_NAME, OUT_FILE and ICON with /D (see packaging/build.py)"
!endif
!ifdef COMPRESSOR
  !if "${COMPRESSOR}" == "none"
    SetCompress off  ; CI's check of the script with the real payload, in seconds
  !else
    SetCompressor ${COMPRESSOR}
  !endif
!else
  SetCompressor /SOLID lzma
!endif

!define PRODUCT "HydroDesk"
!define PUBLISHER "Hydrobit"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\HydroDesk"
!define DATA_DIR "$LOCALAPPDATA\HydroDesk"  ; platformdirs' user data, config, cache and log folders on Windows

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\HydroDesk"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE_NAME}"
; Remember the language the user chose, for the uninstaller.
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "Software\HydroDesk\Installer"
!define MUI_LANGDLL_REGISTRY_VALUENAME "Language"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Spanish"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString SEC_APP ${LANG_ENGLISH} "HydroDesk (required)"
LangString SEC_APP ${LANG_SPANISH} "HydroDesk (obligatorio)"
LangString SEC_DESKTOP ${LANG_ENGLISH} "Desktop shortcut"
LangString SEC_DESKTOP ${LANG_SPANISH} "Acceso directo en el escritorio"
LangString SEC_KEEP ${LANG_ENGLISH} "Remove HydroDesk (your data stays)"
LangString SEC_KEEP ${LANG_SPANISH} "Desinstalar HydroDesk (sus datos se conservan)"
LangString SEC_DATA ${LANG_ENGLISH} "Also delete my data: settings, local cache, unsent changes, demo farm and logs"
LangString SEC_DATA ${LANG_SPANISH} "Borrar también mis datos: configuración, caché local, cambios sin enviar, finca demo y registros"
LangString CONFIRM_DATA ${LANG_ENGLISH} "Changes that were never sent to Hydrobit will be lost. Delete your HydroDesk data?"
LangString CONFIRM_DATA ${LANG_SPANISH} "Los cambios que nunca se enviaron a Hydrobit se perderán. ¿Borrar sus datos de HydroDesk?"
LangString DESCRIPTION ${LANG_ENGLISH} "Operations console for farm offices on the Hydrobit platform"
LangString DESCRIPTION ${LANG_SPANISH} "Consola de operaciones para oficinas agrícolas en la plataforma Hydrobit"

; Version information of the installer itself (Explorer's Properties > Details), in both languages.
VIProductVersion "${VERSION_WIN}"
VIFileVersion "${VERSION_WIN}"
!macro VERSION_KEYS LANG
  VIAddVersionKey /LANG=${LANG} "ProductName" "${PRODUCT}"
  VIAddVersionKey /LANG=${LANG} "ProductVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG} "FileVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG} "CompanyName" "${PUBLISHER}"
  VIAddVersionKey /LANG=${LANG} "FileDescription" "${PRODUCT} ${VERSION} Setup"
  VIAddVersionKey /LANG=${LANG} "LegalCopyright" "HydroDesk team"
!macroend
!insertmacro VERSION_KEYS ${LANG_ENGLISH}
!insertmacro VERSION_KEYS ${LANG_SPANISH}

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "!$(SEC_APP)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An update replaces the program folder whole, so no file of the old version lingers.
  RMDir /r "$INSTDIR\_internal"
  File /r "${APP_DIR}\*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0 SW_SHOWNORMAL "" "$(DESCRIPTION)"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE_NAME},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0  ; in KiB, for Settings > Apps
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "$(SEC_DESKTOP)" SecDesktop
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0 SW_SHOWNORMAL "" "$(DESCRIPTION)"
SectionEnd

Section "-un.$(SEC_KEEP)" UnSecApp
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  ; Only what the installer put there: the folder may have been chosen by the user and hold other files.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE_NAME}"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\HydroDesk\Installer"
SectionEnd

; Off unless the user ticks it; the signed-in tokens stay in Windows Credential Manager either way.
Section /o "un.$(SEC_DATA)" UnSecData
  MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(CONFIRM_DATA)" /SD IDYES IDNO keep
  RMDir /r "${DATA_DIR}"
  DeleteRegKey HKCU "Software\HydroDesk"
  keep:
SectionEnd
