# Finds which host a VM is registered on, for Ferry's Hyper-V connector (fixed text; see
# FerryCommon.ps1). args: vm, hosts (the computers to look on, most likely first).
. (Join-Path $PSScriptRoot 'FerryCommon.ps1')

$request = Read-FerryRequest
$a = $request.args
$block = {
    param($cn, $name)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    return ($null -ne (Get-VM @on -Name $name -ErrorAction SilentlyContinue))
}
$found = $null
$unreachable = @()
try {
    foreach ($computer in @($a.hosts)) {
        try {
            if (Invoke-FerryBlock $request.target ([string] $computer) $block @([string] $a.vm)) { $found = [string] $computer; break }
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
