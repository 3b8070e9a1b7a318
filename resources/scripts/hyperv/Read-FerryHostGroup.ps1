# Reads the hosts of a host group for Ferry's inventory refresh (fixed text; see FerryCommon.ps1).
# args: hosts (computer names). For each host the result holds what the Hyper-V and failover cluster
# cmdlets report, projected to their documented properties (Get-VMHost, Get-VM, Get-VMProcessor,
# Get-VMHardDiskDrive, Get-VHD, Get-VMMigrationNetwork, Get-Cluster, Get-ClusterNode,
# Get-ClusterSharedVolume, and the CIM classes for the OS, processors, volumes, NICs and SMB
# connections), and the placement rules of its clustered VMs: each VM role's possible owners
# (Get-ClusterOwnerNode -Resource on its Virtual Machine resource), preferred owners (Get-ClusterOwnerNode
# -Group) and AntiAffinityClassNames, and the cluster's affinity rules (Get-ClusterAffinityRule, Windows
# Server 2022 and later; none where the module or the cluster has no such rules). Enums stay as ConvertTo-Json writes them (numbers); sizes stay in bytes. Ferry turns
# it into a ferry-inventory document and validates it like an import. A host that cannot be read is
# reported with its error, and the others are still read.
. (Join-Path $PSScriptRoot 'FerryCommon.ps1')

$request = Read-FerryRequest
$a = $request.args

$readBlock = {
    param($cn)
    $ErrorActionPreference = 'Stop'
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    $vmHost = Get-VMHost @on | Select-Object Name, FullyQualifiedDomainName, LogicalProcessorCount, MemoryCapacity,
        VirtualMachineMigrationEnabled, MaximumVirtualMachineMigrations, MaximumStorageMigrations,
        VirtualMachineMigrationPerformanceOption, VirtualMachineMigrationAuthenticationType,
        UseAnyNetworkForMigration, VirtualHardDiskPath, VirtualMachinePath, SupportedVmVersions
    $os = Get-CimInstance @on -ClassName Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, FreePhysicalMemory, TotalVisibleMemorySize
    $processors = @(Get-CimInstance @on -ClassName Win32_Processor | Select-Object Manufacturer, Name, Caption, LoadPercentage, NumberOfLogicalProcessors)
    $networks = @(Get-VMMigrationNetwork @on | Select-Object Subnet, Priority)
    $vms = @(Get-VM @on)
    $vmRecords = @($vms | Select-Object Name, @{ n = 'Id'; e = { $_.Id.ToString() } }, State, IsClustered, MemoryAssigned, MemoryStartup,
        ProcessorCount, Version, Generation, Path, ConfigurationLocation, ComputerName)
    $vmProcessors = @()
    $disks = @()
    $vhds = @()
    if ($vms.Count -gt 0) {
        $vmProcessors = @(Get-VMProcessor -VM $vms | Select-Object VMName, CompatibilityForMigrationEnabled)
        $drives = @(Get-VMHardDiskDrive -VM $vms)
        $disks = @($drives | Select-Object VMName, ControllerType, ControllerNumber, ControllerLocation, Path, SupportPersistentReservations)
        $vhds = @($drives | Where-Object { $_.Path } | ForEach-Object { Get-VHD @on -Path $_.Path -ErrorAction SilentlyContinue } |
            Select-Object Path, VhdFormat, VhdType, Size, FileSize)
    }
    $volumes = @(Get-CimInstance @on -ClassName Win32_Volume -Filter 'DriveType = 3' | Where-Object { $_.DriveLetter } |
        Select-Object DriveLetter, Name, Capacity, FreeSpace)
    $adapters = @(Get-CimInstance @on -Namespace 'root/StandardCimv2' -ClassName MSFT_NetAdapter -ErrorAction SilentlyContinue |
        Where-Object { $_.ConnectorPresent -and $_.MediaConnectState -eq 1 } | Select-Object Name, Speed)
    $rdma = @(Get-CimInstance @on -Namespace 'root/StandardCimv2' -ClassName MSFT_NetAdapterRdmaSettingData -ErrorAction SilentlyContinue |
        Select-Object Name, Enabled)
    $smb = @(Get-CimInstance @on -Namespace 'root/Microsoft/Windows/SMB' -ClassName MSFT_SmbConnection -ErrorAction SilentlyContinue |
        Select-Object ServerName, ShareName, Dialect)
    $cluster = $null; $nodes = @(); $csvs = @()
    try {
        $clusterOn = @{}; if ($cn) { $clusterOn.Name = $cn }
        $c = Get-Cluster @clusterOn -ErrorAction Stop
        $cluster = $c | Select-Object Name, Domain, ClusterFunctionalLevel, MaximumParallelMigrations
        $nodes = @(Get-ClusterNode -Cluster $c.Name | Select-Object Name, State, NodeHighestVersion)
        $csvs = @(Get-ClusterSharedVolume -Cluster $c.Name | ForEach-Object {
            $info = @($_.SharedVolumeInfo)[0]
            [pscustomobject] @{ Name = $_.Name; FriendlyVolumeName = $info.FriendlyVolumeName; Size = $info.Partition.Size; FreeSpace = $info.Partition.FreeSpace }
        })
    } catch { }
    # Placement rules of the clustered VMs, read outside the try above: a failure here fails this host's read.
    $groups = @(); $rules = @()
    if ($cluster) {
        $groups = @(foreach ($vm in @($vms | Where-Object { $_.IsClustered })) {
            $group = Get-ClusterGroup -Cluster $c.Name -VMId $vm.Id
            $resource = @(Get-ClusterResource -Cluster $c.Name -VMId $vm.Id | Where-Object { [string] $_.ResourceType -eq 'Virtual Machine' })[0]
            $possible = @()
            if ($resource) { $possible = @((Get-ClusterOwnerNode -Cluster $c.Name -Resource ([string] $resource.Name)).OwnerNodes | ForEach-Object { [string] $_.Name }) }
            [pscustomobject] @{
                VMId = $vm.Id.ToString(); Name = [string] $group.Name
                AntiAffinityClassNames = @($group.AntiAffinityClassNames | Where-Object { $_ } | ForEach-Object { [string] $_ })
                PossibleOwners = $possible
                PreferredOwners = @((Get-ClusterOwnerNode -Cluster $c.Name -Group ([string] $group.Name)).OwnerNodes | ForEach-Object { [string] $_.Name })
            }
        })
        if ([int] $c.ClusterFunctionalLevel -ge 11 -and (Get-Command -Name Get-ClusterAffinityRule -ErrorAction SilentlyContinue)) {
            $cim = @{}; if ($cn) { $cim.CimSession = $cn }
            $rules = @(Get-ClusterAffinityRule @cim | ForEach-Object {
                $enabled = $true; if ($_.PSObject.Properties['Enabled']) { $enabled = [bool] [int] $_.Enabled }
                [pscustomobject] @{ Name = [string] $_.Name; RuleType = [string] $_.RuleType; Groups = @($_.Groups | ForEach-Object { [string] $_ }); Enabled = $enabled }
            })
        }
    }
    return [pscustomobject] @{
        vmHost = $vmHost; os = $os; processors = $processors; migrationNetworks = $networks
        vms = $vmRecords; vmProcessors = $vmProcessors; hardDiskDrives = $disks; vhds = $vhds
        volumes = $volumes; netAdapters = $adapters; rdma = $rdma; smbConnections = $smb
        cluster = $cluster; clusterNodes = $nodes; clusterSharedVolumes = $csvs
        clusterGroups = $groups; affinityRules = $rules
    }
}

# Capacity and free space of each SMB share the hosts use (Scripting.FileSystemObject reads UNC roots).
function Get-FerryShareSpace {
    param([string] $Unc)
    try {
        $drive = (New-Object -ComObject Scripting.FileSystemObject).GetDrive($Unc)
        return [pscustomobject] @{ Path = $Unc; TotalSize = [double] $drive.TotalSize; FreeSpace = [double] $drive.FreeSpace }
    } catch { return $null }
}

try {
    $hosts = @()
    $shares = @{}
    foreach ($computer in @($a.hosts)) {
        try {
            $data = Invoke-FerryBlock $request.target ([string] $computer) $readBlock @()
            foreach ($connection in @($data.smbConnections)) { $shares['\\' + $connection.ServerName + '\' + $connection.ShareName] = $true }
            $hosts += [pscustomobject] @{ computerName = [string] $computer; ok = $true; data = $data }
        } catch {
            $hosts += [pscustomobject] @{ computerName = [string] $computer; ok = $false; error = (ConvertTo-FerryError $_) }
        }
    }
    $shareSpace = @($shares.Keys | ForEach-Object { Get-FerryShareSpace $_ } | Where-Object { $_ })
    Write-FerryRecord @{ type = 'result'; value = @{ readAt = (Get-Date).ToUniversalTime().ToString('o'); hosts = @($hosts); shares = $shareSpace } }
} catch {
    Write-FerryError $_
} finally {
    Close-FerrySessions
}
