@echo off
rem The `ferry` command of an installed Ferry: the app's own binary run as Node (ELECTRON_RUN_AS_NODE),
rem as VS Code's `code` command does. It sits in <install dir>\resources\bin, which the installer puts on PATH.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Ferry.exe" "%~dp0..\app.asar\bin\ferry.mjs" %*
exit /b %ERRORLEVEL%
