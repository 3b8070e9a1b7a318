# Parses each printed script with PowerShell's own parser, then runs it with the stub modules loaded, in the
# current folder (a payload that ran would create a file here). Input: a JSON file of { name, text } (args[0]).
# Output: one JSON line per script: { name, parseErrors: [text], runError }. The call log gets a '#script' marker
# before each script's calls.
param([string] $ScriptsFile)
$ErrorActionPreference = 'Stop'
$scripts = Get-Content -LiteralPath $ScriptsFile -Raw -Encoding utf8 | ConvertFrom-Json
foreach ($s in $scripts) {
    $tokens = $null; $errors = $null
    [void] [System.Management.Automation.Language.Parser]::ParseInput([string] $s.text, [ref] $tokens, [ref] $errors)
    $runError = $null
    # Each script starts from the estate as the test wrote it; a marker in the call log says whose calls follow.
    $global:FerryStub = $null
    if ($env:FERRY_STUB_CALLS) {
        $marker = ConvertTo-Json -Compress -InputObject @{ cmdlet = '#script'; parameterSet = ''; params = @{ name = [string] $s.name }; types = @{} }
        [System.IO.File]::AppendAllText($env:FERRY_STUB_CALLS, $marker + "`n", (New-Object System.Text.UTF8Encoding $false))
    }
    if ($errors.Count -eq 0) {
        try { & ([scriptblock]::Create([string] $s.text)) | Out-Null } catch { $runError = $_.Exception.Message }
    }
    $line = ConvertTo-Json -Compress -InputObject @{ name = [string] $s.name; parseErrors = @($errors | ForEach-Object { $_.Message }); runError = $runError }
    [Console]::Out.WriteLine($line)
}
