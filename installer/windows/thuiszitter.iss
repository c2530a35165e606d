; Inno Setup script: installs the one-folder bundle per user, without administrator rights.
;
; On Windows, after building the bundle (make installer, or the PyInstaller command in the
; README), from the repository root:
;   $v = .venv\Scripts\python -c "from thuiszitter_desktop.version import __version__; print(__version__)"
;   iscc /DAppVersion=$v installer\windows\thuiszitter.iss
; The setup program lands in dist\ThuiszitterDesktop-<version>-setup.exe.
;
; Uninstalling removes the program only. The encrypted vault and its backups in
; %LOCALAPPDATA%\ThuiszitterDesktop are the consulent's data and are never touched.

#ifndef AppVersion
  #error Pass the version from thuiszitter_desktop/version.py: iscc /DAppVersion=x.y.z
#endif
#define AppName "Thuiszitter Desktop"
#define AppExe "ThuiszitterDesktop.exe"
#define Root "..\.."

[Setup]
; The AppId identifies the program for upgrades and uninstall: never change it.
AppId={{8C1B4E7A-3F0D-4B9E-9C55-2E6A7D1F4B30}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Thuiszitter Desktop
VersionInfoVersion={#AppVersion}
; Per user: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\ThuiszitterDesktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
LicenseFile={#Root}\LICENSE
SetupIconFile={#Root}\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename=ThuiszitterDesktop-{#AppVersion}-setup
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; An update closes a running copy first, so no half-replaced files stay behind.
CloseApplications=yes

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\ThuiszitterDesktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the whole program folder, so files a newer bundle no longer has are gone.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Caseload, aanmelding, plan van aanpak, MDO en termijnen"
Name: "{autoprograms}\{#AppName} verwijderen"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
