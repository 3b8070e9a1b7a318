# Finds which host a VM is registered on, for Ferry's Hyper-V connector (fixed text; see
# FerryCommon.ps1). args: vm, vmId (the VM is looked up by id: -Name takes wildcards), hosts (the computers
# to look on, most likely first).
. (Join-Path $PSScriptRoot 'FerryCommon.ps1')

$request = Read-FerryRequest
$a = $request.args
$block = {
    param($cn, $vmId)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    return ($null -ne (Get-VM @on -Id $vmId -ErrorAction SilentlyContinue))
}
$found = $null
$unreachable = @()
try {
    foreach ($computer in @($a.hosts)) {
        try {
            if (Invoke-FerryBlock $request.target ([string] $computer) $block @([guid] $a.vmId)) { $found = [string] $computer; break }
        } catch {
            $unreachable += [string] $computer
        }
    }
    Write-FerryRecord @{ type = 'result'; value = @{ host = $found; unreachable = @($unreachable) } }
} catch {
    Write-FerryError $_
} finally {
    Close-FerrySessions
}
