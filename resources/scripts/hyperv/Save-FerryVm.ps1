# Saves a VM's state for Ferry's Hyper-V connector (fixed text; see FerryCommon.ps1). args: vm, host.
. (Join-Path $PSScriptRoot 'FerryCommon.ps1')

$request = Read-FerryRequest
$a = $request.args
$block = {
    param($cn, $name)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    Save-VM @on -Name $name
    return [int] (Get-VM @on -Name $name).State
}
try {
    $state = Invoke-FerryBlock $request.target ([string] $a.host) $block @([string] $a.vm)
    Write-FerryRecord @{ type = 'result'; value = @{ state = $state } }
} catch {
    Write-FerryError $_ ([string] $a.host)
} finally {
    Close-FerrySessions
}
