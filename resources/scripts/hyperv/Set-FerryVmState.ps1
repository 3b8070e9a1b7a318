# Starts a VM, or saves its state, for Ferry's Hyper-V connector (fixed text; see FerryCommon.ps1).
# args: vm, vmId (the VM is addressed by id: -Name takes wildcards), host, action ('start' or 'save': the action picks one of two fixed commands, nothing else).
. (Join-Path $PSScriptRoot 'FerryCommon.ps1')

$request = Read-FerryRequest
$a = $request.args
$block = {
    param($cn, $vmId, $action)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    $vm = Get-VM @on -Id $vmId -ErrorAction Stop
    switch ($action) {
        'start' { Start-VM -VM $vm }
        'save' { Save-VM -VM $vm }
        default { throw "unknown action" }
    }
    return [int] (Get-VM @on -Id $vmId -ErrorAction Stop).State
}
try {
    $state = Invoke-FerryBlock $request.target ([string] $a.host) $block @([guid] $a.vmId, [string] $a.action)
    Write-FerryRecord @{ type = 'result'; value = @{ state = $state } }
} catch {
    Write-FerryError $_ ([string] $a.host)
} finally {
    Close-FerrySessions
}
