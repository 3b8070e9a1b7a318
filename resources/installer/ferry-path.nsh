; Ferry's installer: puts <install dir>\resources\bin (ferry.cmd) on the current user's PATH, and takes it
; off again on uninstall. Included by electron-builder's NSIS script (electron-builder.yml nsis.include).
; A PATH that NSIS can't read whole (longer than its string limit) is left alone, never truncated.
!include "LogicLib.nsh"
!include "WinMessages.nsh"
!include "StrFunc.nsh"
${StrStr}
${UnStrRep}

!macro customInstall
  ClearErrors
  ReadRegStr $0 HKCU "Environment" "Path"
  StrLen $2 $0
  ${If} ${Errors}
  ${OrIf} $2 > 900
    DetailPrint "Your PATH was not changed: add $INSTDIR\resources\bin to it to use the ferry command."
  ${Else}
    ${StrStr} $1 "$0" "$INSTDIR\resources\bin"
    ${If} $1 == ""
      ${If} $0 == ""
        WriteRegExpandStr HKCU "Environment" "Path" "$INSTDIR\resources\bin"
      ${Else}
        WriteRegExpandStr HKCU "Environment" "Path" "$0;$INSTDIR\resources\bin"
      ${EndIf}
      ; Tell Explorer (and so new terminals) that the environment changed.
      SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    ${EndIf}
  ${EndIf}
!macroend

!macro customUnInstall
  ClearErrors
  ReadRegStr $0 HKCU "Environment" "Path"
  StrLen $2 $0
  ${IfNot} ${Errors}
  ${AndIf} $2 <= 900
    ${UnStrRep} $0 "$0" ";$INSTDIR\resources\bin" ""
    ${UnStrRep} $0 "$0" "$INSTDIR\resources\bin" ""
    WriteRegExpandStr HKCU "Environment" "Path" "$0"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
!macroend
