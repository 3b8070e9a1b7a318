# Applies a host's live-migration settings (Hyper-V Settings > OK) for Ferry's Hyper-V connector
# (fixed text; see FerryCommon.ps1). args: host, settings { enabled, maxLive, maxStorage,
# performanceOption (TCPIP | Compression | SMB), authentication (CredSSP | Kerberos), useAnyNetwork,
# networks (subnets or addresses, in order of priority) }.
. (Join-Path $PSScriptRoot 'FerryCommon.ps1')

$request = Read-FerryRequest
$a = $request.args
$block = {
    param($cn, $s)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    if ([bool] $s.enabled) { Enable-VMMigration @on } else { Disable-VMMigration @on }
    $set = @{
        MaximumVirtualMachineMigrations          = [uint32] $s.maxLive
        MaximumStorageMigrations                 = [uint32] $s.maxStorage
        VirtualMachineMigrationPerformanceOption = [string] $s.performanceOption
        VirtualMachineMigrationAuthenticationType = [string] $s.authentication
        UseAnyNetworkForMigration                = [bool] $s.useAnyNetwork
    }
    Set-VMHost @on @set
    if (-not [bool] $s.useAnyNetwork) {
        $wanted = @($s.networks | ForEach-Object { [string] $_ })
        $current = @(Get-VMMigrationNetwork @on | Sort-Object Priority | ForEach-Object { [string] $_.Subnet })
        if (($current -join '|') -ne ($wanted -join '|')) {
            foreach ($subnet in $current) { Remove-VMMigrationNetwork @on -Subnet $subnet }
            $priority = 0
            foreach ($subnet in $wanted) { $priority++; Add-VMMigrationNetwork @on -Subnet $subnet -Priority ([uint32] $priority) }
        }
    }
}
try {
    Invoke-FerryBlock $request.target ([string] $a.host) $block @($a.settings) | Out-Null
    Write-FerryRecord @{ type = 'result'; value = @{ host = [string] $a.host } }
} catch {
    Write-FerryError $_ ([string] $a.host)
} finally {
    Close-FerrySessions
}
