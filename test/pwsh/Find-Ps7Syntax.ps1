# Walks the AST of each PowerShell file given and lists what Windows PowerShell 5.1 cannot run: PowerShell 7
# syntax (ternary, ??, ??=, ?. and ?[], && and || pipeline chains, clean blocks) and 7-only parameters of
# built-in cmdlets (ForEach-Object -Parallel, ConvertFrom-Json -AsHashtable / -Depth, ConvertTo-Json -AsArray /
# -EnumsAsStrings, Get-Content -AsByteStream, Invoke-WebRequest/Invoke-RestMethod -SkipCertificateCheck), and
# parse errors. Output: one JSON line per file: { file, findings: [ "line N: what" ] }.
param([string[]] $Paths)
$ps7Parameters = @{
    'ForEach-Object'    = @('Parallel', 'ThrottleLimit', 'AsJob')
    'ConvertFrom-Json'  = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
    'ConvertTo-Json'    = @('AsArray', 'EnumsAsStrings', 'EscapeHandling')
    'Get-Content'       = @('AsByteStream')
    'Set-Content'       = @('AsByteStream')
    'Invoke-WebRequest' = @('SkipCertificateCheck', 'SkipHttpErrorCheck')
    'Invoke-RestMethod' = @('SkipCertificateCheck', 'SkipHttpErrorCheck')
    'Test-Json'         = @('Schema')
    'Select-Object'     = @('SkipIndex')
}
foreach ($path in $Paths) {
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($path, [ref] $tokens, [ref] $errors)
    $findings = New-Object System.Collections.Generic.List[string]
    foreach ($e in $errors) { $findings.Add("line $($e.Extent.StartLineNumber): parse error: $($e.Message)") }
    foreach ($t in $tokens) {
        if ($t.Kind -in 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'AndAnd', 'OrOr') {
            $findings.Add("line $($t.Extent.StartLineNumber): '$($t.Text)' is PowerShell 7 syntax")
        }
    }
    $nodes = $ast.FindAll({ $true }, $true)
    foreach ($n in $nodes) {
        $line = $n.Extent.StartLineNumber
        switch ($n.GetType().Name) {
            'TernaryExpressionAst' { $findings.Add("line ${line}: the ternary operator is PowerShell 7 syntax") }
            'PipelineChainAst' { $findings.Add("line ${line}: && / || pipeline chains are PowerShell 7 syntax") }
            'ScriptBlockAst' { if ($null -ne $n.PSObject.Properties['CleanBlock'] -and $null -ne $n.CleanBlock) { $findings.Add("line ${line}: clean blocks are PowerShell 7.3 syntax") } }
            'CommandAst' {
                $name = $n.GetCommandName()
                if ($name -and $ps7Parameters.ContainsKey($name)) {
                    foreach ($p in @($n.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })) {
                        foreach ($bad in $ps7Parameters[$name]) {
                            if ($bad -like "$($p.ParameterName)*" -and $p.ParameterName.Length -ge 2) { $findings.Add("line ${line}: $name -$bad is PowerShell 7 only") }
                        }
                    }
                }
            }
        }
    }
    [Console]::Out.WriteLine((ConvertTo-Json -Compress -InputObject @{ file = $path; findings = @($findings | Select-Object -Unique) }))
}
