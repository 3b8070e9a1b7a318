<#
.SYNOPSIS
    Writes a ferry-inventory (version 1) file of this Hyper-V host, or of every node of its failover
    cluster, for offline planning in Ferry.

.DESCRIPTION
    Run it on a Hyper-V host or cluster node, as a member of "Hyper-V Administrators" (and of the
    cluster's administrators for a cluster). It reads the hosts with Get-VMHost, Get-VM,
    Get-VMProcessor, Get-VMHardDiskDrive, Get-VHD, Get-VMMigrationNetwork, Get-Cluster,
    Get-ClusterNode and Get-ClusterSharedVolume, and writes one JSON document in the format Ferry
    imports (docs/inventory-format.md): format, version, source "hyperv", exportedAt, hostGroups,
    fileShares, clusters, hosts and vms, with the format's field names. For a clustered VM it also reads
    the placement rules: possible owners (Get-ClusterOwnerNode -Resource on its Virtual Machine
    resource), preferred owners (Get-ClusterOwnerNode -Group), availability sets (the group's
    AntiAffinityClassNames), and the cluster's affinity rules (Get-ClusterAffinityRule, Windows Server
    2022 and later; an older cluster or module has none). It changes nothing on the hosts.

    Import the file in Ferry with File > Import inventory, or: ferry import FILE

.PARAMETER Path
    Where to write the file. Default: ferry-inventory.json in the current folder.

.PARAMETER HostGroup
    The host group path the hosts belong to in Ferry, as in VMM (default "All Hosts").

.PARAMETER ComputerName
    The hosts to read. Default: every node of this host's failover cluster, or this host alone.

.EXAMPLE
    .\Export-FerryInventory.ps1 -HostGroup 'All Hosts/Milano' -Path \\fs-mi.contoso.com\it\milano.json

.EXAMPLE
    .\Export-FerryInventory.ps1 -ComputerName hv-to-01, hv-to-02 -HostGroup 'All Hosts/Torino'
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path -Path (Get-Location) -ChildPath 'ferry-inventory.json'),
    [string] $HostGroup = 'All Hosts',
    [string[]] $ComputerName
)
#Requires -Version 5.1
#Requires -Modules Hyper-V

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$MB = 1024 * 1024
$GB = 1024 * 1024 * 1024

function ConvertTo-Gb([double] $Bytes) { return [math]::Round($Bytes / $GB, 2) }

# VM state words of the format (Microsoft.HyperV.PowerShell.VMState, folded: transitions go to where they lead).
function Get-FerryVmState($State) {
    switch -Regex ([string] $State) {
        '^(Running|Starting|Reset|Resuming)' { return 'Running' }
        '^(Off|Stopping)' { return 'Off' }
        '^(Saved|Saving|FastSav|Hibernated)' { return 'Saved' }
        '^(Paused|Pausing)' { return 'Paused' }
        default { return 'Off' }
    }
}

function Get-FerryOs($Os) {
    if ($Os.Caption -match 'Windows Server (2012 R2|2016|2019|2022|2025)') { return "Windows Server $($Matches[1])" }
    switch ([int] $Os.BuildNumber) {
        26100 { return 'Windows Server 2025' }
        20348 { return 'Windows Server 2022' }
        17763 { return 'Windows Server 2019' }
        14393 { return 'Windows Server 2016' }
        9600 { return 'Windows Server 2012 R2' }
        default { throw "$($Os.Caption) (build $($Os.BuildNumber)) is not a Windows Server version Ferry knows." }
    }
}

# Hosts to read: the ones named, else this host's cluster nodes, else this host.
$cluster = $null
try { $cluster = Get-Cluster -ErrorAction Stop } catch { $cluster = $null }
if (-not $ComputerName) {
    if ($cluster) { $ComputerName = @(Get-ClusterNode -Cluster $cluster.Name | ForEach-Object { $_.Name }) }
    else { $ComputerName = @($env:COMPUTERNAME) }
}

# A clustered VM's placement rules: possible owners (null when every node may own it), preferred owners in
# order, and availability sets (the cluster group's AntiAffinityClassNames). Answers the group's name too.
function Get-FerryPlacement {
    param([string] $Cluster, $Vm, [string[]] $Nodes)
    $group = Get-ClusterGroup -Cluster $Cluster -VMId $Vm.Id
    $possible = $null
    $resource = @(Get-ClusterResource -Cluster $Cluster -VMId $Vm.Id | Where-Object { [string] $_.ResourceType -eq 'Virtual Machine' })[0]
    if ($resource) {
        $owners = @((Get-ClusterOwnerNode -Cluster $Cluster -Resource ([string] $resource.Name)).OwnerNodes | ForEach-Object { [string] $_.Name })
        $missing = @($Nodes | Where-Object { $owners -notcontains $_ })
        if ($missing.Count -gt 0) { $possible = $owners }
    }
    $preferred = @((Get-ClusterOwnerNode -Cluster $Cluster -Group ([string] $group.Name)).OwnerNodes | ForEach-Object { [string] $_.Name })
    $sets = @($group.AntiAffinityClassNames | Where-Object { $_ } | ForEach-Object { [string] $_ })
    return @{ group = [string] $group.Name; possibleOwners = $possible; preferredOwners = $preferred; availabilitySets = $sets }
}

# The format's rule type for a cluster affinity rule's RuleType (CLUS_AFFINITY_RULE_TYPE: 2 SameNode,
# 4 DifferentNode; the fault-domain rules have no Ferry meaning), or $null.
function Get-FerryRuleType($RuleType) {
    switch ([string] $RuleType) {
        { $_ -in '2', 'SameNode' } { return 'SameNode' }
        { $_ -in '4', 'DifferentNode' } { return 'DifferentNode' }
        default { return $null }
    }
}

$clusters = [ordered] @{}
$groupVms = @{}
$shares = [ordered] @{}
$hosts = New-Object System.Collections.Generic.List[object]
$vms = New-Object System.Collections.Generic.List[object]

foreach ($computer in $ComputerName) {
    Write-Verbose "Reading $computer"
    $vmHost = Get-VMHost -ComputerName $computer
    $os = Get-CimInstance -ComputerName $computer -ClassName Win32_OperatingSystem
    $processors = @(Get-CimInstance -ComputerName $computer -ClassName Win32_Processor)
    $load = @($processors | Where-Object { $null -ne $_.LoadPercentage } | ForEach-Object { $_.LoadPercentage })
    $usage = 0; if ($load.Count -gt 0) { $usage = [math]::Round(($load | Measure-Object -Average).Average) }
    $networks = @(Get-VMMigrationNetwork -ComputerName $computer | Sort-Object Priority | ForEach-Object { [string] $_.Subnet })
    $adapters = @(Get-CimInstance -ComputerName $computer -Namespace 'root/StandardCimv2' -ClassName MSFT_NetAdapter -ErrorAction SilentlyContinue |
        Where-Object { $_.ConnectorPresent -and $_.MediaConnectState -eq 1 -and $_.Speed -gt 0 })
    $rdma = @(Get-CimInstance -ComputerName $computer -Namespace 'root/StandardCimv2' -ClassName MSFT_NetAdapterRdmaSettingData -ErrorAction SilentlyContinue |
        Where-Object { $_.Enabled })
    $fastest = 10000000000; $nics = 1
    if ($adapters.Count -gt 0) {
        $fastest = ($adapters | Measure-Object -Property Speed -Maximum).Maximum
        $nics = @($adapters | Where-Object { $_.Speed -eq $fastest }).Count
    }
    $hostShares = New-Object System.Collections.Generic.List[string]
    foreach ($c in @(Get-CimInstance -ComputerName $computer -Namespace 'root/Microsoft/Windows/SMB' -ClassName MSFT_SmbConnection -ErrorAction SilentlyContinue)) {
        $unc = '\\' + $c.ServerName + '\' + $c.ShareName
        if (-not $shares.Contains($unc)) {
            try {
                $drive = (New-Object -ComObject Scripting.FileSystemObject).GetDrive($unc)
                $shares[$unc] = [ordered] @{ path = $unc; smbVersion = [string] $c.Dialect; capacityGB = (ConvertTo-Gb $drive.TotalSize); freeGB = (ConvertTo-Gb $drive.FreeSpace) }
            } catch { continue }
        }
        if (-not $hostShares.Contains($unc)) { $hostShares.Add($unc) }
    }
    $volumes = @(Get-CimInstance -ComputerName $computer -ClassName Win32_Volume -Filter 'DriveType = 3' | Where-Object { $_.DriveLetter } | ForEach-Object {
        [ordered] @{ path = [string] $_.Name; capacityGB = (ConvertTo-Gb $_.Capacity); freeGB = (ConvertTo-Gb $_.FreeSpace) }
    })
    $defaults = @(@($vmHost.VirtualMachinePath, $vmHost.VirtualHardDiskPath) | Where-Object { $_ } | Select-Object -Unique)

    $clusterName = $null; $maintenance = $false; $state = 'Responding'
    if ($cluster) {
        $node = Get-ClusterNode -Cluster $cluster.Name -Name $vmHost.Name -ErrorAction SilentlyContinue
        if ($node) {
            $clusterName = [string] $cluster.Name
            $maintenance = ([string] $node.State -eq 'Paused')
            if ([string] $node.State -eq 'Down') { $state = 'NotResponding' }
            if (-not $clusters.Contains($clusterName)) {
                $parallel = $null
                if ($cluster.PSObject.Properties['MaximumParallelMigrations'] -and $cluster.MaximumParallelMigrations -ge 1) { $parallel = [int] $cluster.MaximumParallelMigrations }
                $clusters[$clusterName] = [ordered] @{
                    name = $clusterName
                    hostGroup = $HostGroup
                    functionalLevel = [int] $cluster.ClusterFunctionalLevel
                    maxParallelMigrations = $parallel
                    sharedVolumes = @(Get-ClusterSharedVolume -Cluster $cluster.Name | ForEach-Object {
                        $info = @($_.SharedVolumeInfo)[0]
                        [ordered] @{ path = [string] $info.FriendlyVolumeName; capacityGB = (ConvertTo-Gb $info.Partition.Size); freeGB = (ConvertTo-Gb $info.Partition.FreeSpace) }
                    })
                }
            }
        }
    }

    $domain = [string] $vmHost.FullyQualifiedDomainName
    $fqdn = [string] $vmHost.Name
    if ($domain -match '\.') { $fqdn = "$($vmHost.Name).$domain" }
    $versions = $null
    if ($vmHost.PSObject.Properties['SupportedVmVersions'] -and $vmHost.SupportedVmVersions) { $versions = @($vmHost.SupportedVmVersions | ForEach-Object { [string] $_ }) }
    $totalMB = [math]::Round($vmHost.MemoryCapacity / $MB)
    $hosts.Add([ordered] @{
        name = [string] $vmHost.Name
        fqdn = $fqdn
        hostGroup = $HostGroup
        cluster = $clusterName
        os = (Get-FerryOs $os)
        supportedConfigVersions = $versions
        state = $state
        maintenanceMode = $maintenance
        cpu = [ordered] @{
            vendor = $(if ($processors[0].Manufacturer -match 'Intel') { 'Intel' } elseif ($processors[0].Manufacturer -match 'AMD') { 'AMD' } else { [string] $processors[0].Manufacturer })
            generation = ([string] $processors[0].Caption -replace '\s+Stepping\s+\d+\s*$', '')
            logicalProcessors = [int] $vmHost.LogicalProcessorCount
            usagePercent = [int] $usage
        }
        memory = [ordered] @{ totalMB = $totalMB; availableMB = [math]::Min($totalMB, [math]::Round($os.FreePhysicalMemory / 1024)); reserveMB = 256 }
        liveMigration = [ordered] @{
            enabled = [bool] $vmHost.VirtualMachineMigrationEnabled
            maxLive = [int] $vmHost.MaximumVirtualMachineMigrations
            maxStorage = [int] $vmHost.MaximumStorageMigrations
            performanceOption = [string] $vmHost.VirtualMachineMigrationPerformanceOption
            authentication = [string] $vmHost.VirtualMachineMigrationAuthenticationType
            useAnyNetwork = [bool] $vmHost.UseAnyNetworkForMigration
            networks = $networks
        }
        migrationNetwork = [ordered] @{ gbps = [math]::Round($fastest / 1e9, 1); rdma = ($rdma.Count -gt 0); nics = [int] $nics }
        fileShares = @($hostShares)
        volumes = $volumes
        defaultStorageLocations = $defaults
    })

    foreach ($vm in @(Get-VM -ComputerName $computer)) {
        $running = (Get-FerryVmState $vm.State) -in 'Running', 'Paused'
        $memory = $vm.MemoryStartup; if ($running) { $memory = $vm.MemoryAssigned }
        $disks = @(Get-VMHardDiskDrive -VM $vm | Where-Object { $_.Path } | ForEach-Object {
            $vhd = Get-VHD -ComputerName $computer -Path $_.Path -ErrorAction SilentlyContinue
            $bytes = 0
            if ($vhd) { $bytes = $vhd.FileSize; if (-not $bytes) { $bytes = $vhd.Size } }
            [ordered] @{ path = [string] $_.Path; sizeGB = (ConvertTo-Gb $bytes); shared = [bool] $_.SupportPersistentReservations }
        })
        $configuration = [string] $vm.ConfigurationLocation; if (-not $configuration) { $configuration = [string] $vm.Path }
        $record = [ordered] @{
            name = [string] $vm.Name
            id = $vm.Id.ToString()
            host = [string] $vmHost.Name
            state = (Get-FerryVmState $vm.State)
            highlyAvailable = [bool] $vm.IsClustered
            memoryMB = [math]::Round($memory / $MB)
            cpuCount = [int] $vm.ProcessorCount
            configVersion = [string] $vm.Version
            generation = [int] $vm.Generation
            processorCompatibility = [bool] (Get-VMProcessor -VM $vm).CompatibilityForMigrationEnabled
            compatibilityVector = $null
            configurationPath = $configuration
            disks = $disks
            dirtyRateMBps = $null
        }
        if ($clusterName -and $vm.IsClustered) {
            $nodes = @(Get-ClusterNode -Cluster $clusterName | ForEach-Object { [string] $_.Name })
            $placement = Get-FerryPlacement $clusterName $vm $nodes
            $groupVms[$placement.group] = [string] $vm.Name
            $record.possibleOwners = $placement.possibleOwners
            $record.preferredOwners = $placement.preferredOwners
            $record.availabilitySets = $placement.availabilitySets
        }
        $vms.Add($record)
    }
}

# The cluster's affinity rules between VMs (Windows Server 2022, functional level 11, and later). A module
# without Get-ClusterAffinityRule, or an older cluster, has none: that is not an error.
$rules = New-Object System.Collections.Generic.List[object]
if ($cluster -and [int] $cluster.ClusterFunctionalLevel -ge 11 -and (Get-Command -Name Get-ClusterAffinityRule -ErrorAction SilentlyContinue)) {
    foreach ($rule in @(Get-ClusterAffinityRule)) {
        $type = Get-FerryRuleType $rule.RuleType
        if (-not $type -or ($rule.PSObject.Properties['Enabled'] -and -not [int] $rule.Enabled)) { continue }
        $members = @(@($rule.Groups) | ForEach-Object { $groupVms[[string] $_] } | Where-Object { $_ } | Select-Object -Unique)
        if ($members.Count -lt 2) { continue }
        $rules.Add([ordered] @{ name = [string] $rule.Name; type = $type; vms = $members; required = $true })
    }
}

$document = [ordered] @{
    format = 'ferry-inventory'
    version = 1
    source = 'hyperv'
    exportedAt = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
    hostGroups = @($HostGroup)
    fileShares = @($shares.Values)
    clusters = @($clusters.Values)
    # ToArray(): PowerShell 7.6 fails "Argument types do not match" on @() of a List[object] made by New-Object.
    hosts = $hosts.ToArray()
    vms = $vms.ToArray()
    affinityRules = $rules.ToArray()
}
# Written beside the target, then moved over it: a failure leaves no half-written inventory.
$partial = "$Path.partial"
ConvertTo-Json -InputObject $document -Depth 10 | Set-Content -Path $partial -Encoding UTF8
Move-Item -LiteralPath $partial -Destination $Path -Force
Write-Host "Wrote $($hosts.Count) hosts, $($clusters.Count) clusters and $($vms.Count) VMs to $Path"
