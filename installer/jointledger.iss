; Inno Setup 6 script: the Windows installer of Joint Ledger (联营账簿).
;
; Compile on Windows after building the bundle (installer\build-windows.ps1 does both):
;   iscc /DAppVersion=0.1.0 installer\jointledger.iss      -> dist\JointLedger-0.1.0-setup.exe
; Needs Inno Setup 6.5 or later (it ships Languages\ChineseSimplified.isl; for an older one put that file,
; from jrsoftware.org/files/istrans, into its Languages folder).
;
; - one setup.exe that works offline from a USB stick; Chinese or English, chosen from the Windows language;
; - installs for the current user without administrator rights (an administrator may install for all users);
; - start-menu and desktop shortcuts; double-clicking a .jlbook file opens it in the app;
; - the books, backups, keys and logs live in the user's data folder ({localappdata}\JointLedger, where
;   platformdirs puts them) and wherever the user saved the .jlbook files: the uninstaller never deletes them.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z installer\jointledger.iss
#endif
#define AppExe "jointledger.exe"
#define BookProgId "JointLedger.Book"
#define DataFolder "{localappdata}\JointLedger"

[Setup]
AppId={{4C6B3F0E-8E2A-4B7D-9A51-2F3C9D7E1A60}
AppName=联营账簿 Joint Ledger
AppVersion={#AppVersion}
AppVerName=联营账簿 Joint Ledger {#AppVersion}
AppPublisher=Joint Ledger
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\JointLedger
DefaultGroupName=联营账簿 Joint Ledger
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; Python 3.11 and Qt 6 need 64-bit Windows 10 or later
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
SetupIconFile=jointledger.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=联营账簿 Joint Ledger
OutputDir=..\dist
OutputBaseFilename=JointLedger-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AppShortName=联营账簿
english.AppShortName=Joint Ledger
chinesesimplified.BookFileType=联营账簿账套文件
english.BookFileType=Joint Ledger book
chinesesimplified.AssociateBooks=双击 .jlbook 账簿文件时用联营账簿打开
english.AssociateBooks=Open .jlbook book files in Joint Ledger when double-clicked
chinesesimplified.BooksKept=账簿、备份和设置都已保留，没有删除：%n%1%n以及您保存 .jlbook 文件的文件夹。重新安装后可继续使用。
english.BooksKept=Your books, backups and settings are kept, not deleted:%n%1%nand the folders where you saved .jlbook files. Reinstall to use them again.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "associate"; Description: "{cm:AssociateBooks}"

[InstallDelete]
; an upgrade replaces the program's own files (an old library must not linger next to the new ones)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\jointledger\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:AppShortName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{cm:AppShortName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppShortName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; .jlbook opens in the app (HKA: the current user's classes, or the machine's when installed for all users)
Root: HKA; Subkey: "Software\Classes\.jlbook"; ValueType: string; ValueName: ""; ValueData: "{#BookProgId}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.jlbook\OpenWithProgids"; ValueType: string; ValueName: "{#BookProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#BookProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:BookFileType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#BookProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#BookProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jlbook"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppShortName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what it installed. The user's data folder and the books
; are never touched; it says so at the end.
[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('BooksKept'), [ExpandConstant('{#DataFolder}')]), mbInformation, MB_OK);
end;
