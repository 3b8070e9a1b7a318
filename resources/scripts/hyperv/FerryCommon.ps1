# Ferry's PowerShell protocol, dot-sourced by every connector script. Fixed text, shipped with Ferry:
# Ferry never builds PowerShell from inventory data. A request arrives as ONE line of JSON on standard
# input (read with ConvertFrom-Json, so names and paths are data, never code); records leave as lines
# of JSON on standard output: progress, result, error, canceled. A later line {"type":"cancel"} on
# standard input asks a running move to stop; the end of standard input (Ferry has gone) does too.
#
# Reaching a host (the request's "target"):
#   mode "local"       - the Hyper-V cmdlets run here with -ComputerName, as the current Windows identity;
#   mode "winrm-https" - the same blocks run on the host in a PowerShell remoting session over HTTPS
#                        (New-PSSession -UseSSL -Port 5986), as the current identity or the stored user.

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$script:FerryUtf8 = New-Object System.Text.UTF8Encoding $false
[Console]::OutputEncoding = $script:FerryUtf8
$script:FerryStdin = New-Object System.IO.StreamReader ([Console]::OpenStandardInput()), $script:FerryUtf8
$script:FerryCancelRead = $null
$script:FerrySessions = @{}

function Read-FerryRequest {
    $line = $script:FerryStdin.ReadLine()
    if ($null -eq $line) { throw 'Ferry sent no request on standard input.' }
    return (ConvertFrom-Json -InputObject $line)
}

function Write-FerryRecord {
    param([Parameter(Mandatory)] [hashtable] $Record)
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject $Record -Depth 8 -Compress))
    [Console]::Out.Flush()
}

function Write-FerryProgress {
    param([string] $Phase, [double] $Percent = 0)
    Write-FerryRecord @{ type = 'progress'; phase = $Phase; percent = [math]::Round($Percent, 1) }
}

# True when Ferry asked to stop (a cancel line, or standard input closed). Never blocks.
function Test-FerryCancel {
    if ($null -eq $script:FerryCancelRead) { $script:FerryCancelRead = $script:FerryStdin.ReadLineAsync() }
    if (-not $script:FerryCancelRead.IsCompleted) { return $false }
    $line = $script:FerryCancelRead.Result
    $script:FerryCancelRead = $null
    if ($null -eq $line) { return $true }
    try { $message = ConvertFrom-Json -InputObject $line } catch { return $false }
    return ($message.type -eq 'cancel')
}

# An error record as data: every message down the chain of inner exceptions, the HRESULTs, the id.
function ConvertTo-FerryError {
    param($ErrorRecord)
    $messages = New-Object System.Collections.Generic.List[string]
    $hresults = New-Object System.Collections.Generic.List[string]
    $exception = $ErrorRecord.Exception
    while ($null -ne $exception) {
        if ($exception.Message) { $messages.Add($exception.Message) }
        if ($exception.HResult -ne 0) { $hresults.Add(('0x{0:X8}' -f $exception.HResult)) }
        $exception = $exception.InnerException
    }
    if ($ErrorRecord.ErrorDetails -and $ErrorRecord.ErrorDetails.Message) { $messages.Add($ErrorRecord.ErrorDetails.Message) }
    return @{
        message  = ($messages -join ' ')
        hresults = @($hresults)
        errorId  = [string] $ErrorRecord.FullyQualifiedErrorId
        category = [string] $ErrorRecord.CategoryInfo.Category
    }
}

function Write-FerryError {
    param($ErrorRecord, $VmHost = $null, [int[]] $MessageIds = @())
    $record = ConvertTo-FerryError $ErrorRecord
    $record.type = 'error'
    $record.vmHost = $VmHost
    $record.messageIds = @($MessageIds)
    Write-FerryRecord $record
}

function New-FerryCredential {
    param($Credential)
    $secure = ConvertTo-SecureString -String ([string] $Credential.password) -AsPlainText -Force
    return (New-Object System.Management.Automation.PSCredential ([string] $Credential.userName), $secure)
}

# The session a "winrm-https" target runs in (one per computer, opened on first use), or $null for "local".
function Get-FerrySession {
    param($Target, [string] $ComputerName)
    if ($Target.mode -ne 'winrm-https') { return $null }
    if ($script:FerrySessions.ContainsKey($ComputerName)) { return $script:FerrySessions[$ComputerName] }
    $params = @{ ComputerName = $ComputerName; UseSSL = $true; Port = [int] $Target.port; ErrorAction = 'Stop' }
    if ($null -ne $Target.credential) { $params.Credential = New-FerryCredential $Target.credential }
    $session = New-PSSession @params
    $script:FerrySessions[$ComputerName] = $session
    return $session
}

# Runs a fixed block for a computer: here with -ComputerName (local), or in its remoting session, where
# the cmdlets act on the session's own host. The block's first argument is the computer name to pass to
# -ComputerName, or $null inside a session.
function Invoke-FerryBlock {
    param($Target, [string] $ComputerName, [scriptblock] $Block, [object[]] $Arguments = @())
    $session = Get-FerrySession $Target $ComputerName
    if ($null -eq $session) { return (& $Block $ComputerName @Arguments) }
    return (Invoke-Command -Session $session -ScriptBlock $Block -ArgumentList (@($null) + $Arguments) -ErrorAction Stop)
}

function Close-FerrySessions {
    foreach ($session in $script:FerrySessions.Values) { Remove-PSSession -Session $session -ErrorAction SilentlyContinue }
    $script:FerrySessions = @{}
}
