# Parses each printed script with PowerShell's own parser, then runs it with the stub modules loaded, in the
# current folder (a payload that ran would create a file here). Input: a JSON file of { name, text } (args[0]).
# Output: one JSON line per script: { name, parseErrors: [text], runError }.
param([string] $ScriptsFile)
$ErrorActionPreference = 'Stop'
$scripts = Get-Content -LiteralPath $ScriptsFile -Raw -Encoding utf8 | ConvertFrom-Json
foreach ($s in $scripts) {
    $tokens = $null; $errors = $null
    [void] [System.Management.Automation.Language.Parser]::ParseInput([string] $s.text, [ref] $tokens, [ref] $errors)
    $runError = $null
    # Each script starts from the estate as the test wrote it.
    $global:FerryStub = $null
    if ($errors.Count -eq 0) {
        try { & ([scriptblock]::Create([string] $s.text)) | Out-Null } catch { $runError = $_.Exception.Message }
    }
    $line = ConvertTo-Json -Compress -InputObject @{ name = [string] $s.name; parseErrors = @($errors | ForEach-Object { $_.Message }); runError = $runError }
    [Console]::Out.WriteLine($line)
}
