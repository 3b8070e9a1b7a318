# Starts a VM, or saves its state, for Ferry's Hyper-V connector (fixed text; see FerryCommon.ps1).
# args: vm, host, action ('start' or 'save': the action picks one of two fixed commands, nothing else).
. (Join-Path $PSScriptRoot 'FerryCommon.ps1')

$request = Read-FerryRequest
$a = $request.args
$block = {
    param($cn, $name, $action)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    switch ($action) {
        'start' { Start-VM @on -Name $name }
        'save' { Save-VM @on -Name $name }
        default { throw "unknown action" }
    }
    return [int] (Get-VM @on -Name $name).State
}
try {
    $state = Invoke-FerryBlock $request.target ([string] $a.host) $block @([string] $a.vm, [string] $a.action)
    Write-FerryRecord @{ type = 'result'; value = @{ state = $state } }
} catch {
    Write-FerryError $_ ([string] $a.host)
} finally {
    Close-FerrySessions
}
