# A stand-in for the Hyper-V module (2.0.0, Windows Server 2016 to 2025) for Ferry's tests: each cmdlet
# Ferry calls, with the documented parameter names, types, positions, mandatory flags and parameter sets
# (learn.microsoft.com/powershell/module/hyper-v), so a call the real module would refuse is refused here
# too. The CimSession parameter sets are left out: Ferry never uses them. Every call is logged.
. (Join-Path (Join-Path $PSScriptRoot '..') (Join-Path '..' 'FerryStubCore.ps1'))

function Get-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    param(
        [Parameter(ParameterSetName = 'Name', Position = 0, ValueFromPipeline = $true)] [ValidateNotNullOrEmpty()] [Alias('VMName')] [string[]] $Name,
        [Parameter(ParameterSetName = 'Id', Position = 0, Mandatory = $true)] [Nullable[guid]] $Id,
        [Parameter(ParameterSetName = 'ClusterObject', Position = 0, Mandatory = $true, ValueFromPipeline = $true)] [psobject] $ClusterObject,
        [Parameter(ParameterSetName = 'Name')] [Parameter(ParameterSetName = 'Id')] [string[]] $ComputerName,
        [Parameter(ParameterSetName = 'Name')] [Parameter(ParameterSetName = 'Id')] [pscredential[]] $Credential
    )
    process {
        Write-FerryStubCall 'Get-VM' $PSCmdlet.ParameterSetName $PSBoundParameters
        $h = Resolve-FerryStubHost $PSCmdlet $ComputerName
        Assert-FerryStubNoFailure $PSCmdlet 'Get-VM' ([string] $h.name)
        $vms = Get-FerryStubVms $h
        switch ($PSCmdlet.ParameterSetName) {
            'Id' {
                $found = @($vms | Where-Object { $_.Id -eq $Id })
                if ($found.Count -eq 0) { $PSCmdlet.WriteError((New-FerryStubError @{ message = "Hyper-V was unable to find a virtual machine with id ""$Id""."; hresult = 0x80070490; errorId = 'InvalidParameter'; category = 'InvalidArgument' } 'Microsoft.HyperV.PowerShell.Commands.GetVM')); return }
                $found
            }
            default {
                if (-not $PSBoundParameters.ContainsKey('Name')) { return $vms }
                foreach ($n in $Name) {
                    # -Name takes wildcards, as the real cmdlet's does.
                    $pattern = [System.Management.Automation.WildcardPattern]::Get($n, 'IgnoreCase')
                    $found = @($vms | Where-Object { $pattern.IsMatch($_.Name) })
                    if ($found.Count -eq 0 -and -not [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($n)) {
                        $PSCmdlet.WriteError((New-FerryStubError @{ message = "Hyper-V was unable to find a virtual machine with name ""$n""."; hresult = 0x80070490; errorId = 'InvalidParameter'; category = 'InvalidArgument' } 'Microsoft.HyperV.PowerShell.Commands.GetVM'))
                    }
                    $found
                }
            }
        }
    }
}

# A VM by -Name (no wildcards) on a host, or a terminating "not found" as the move cmdlets raise it.
function Find-FerryStubVm {
    param($Cmdlet, $HostRecord, [string] $Name)
    $pattern = [System.Management.Automation.WildcardPattern]::Get($Name, 'IgnoreCase')
    $found = @(Get-FerryStubVms $HostRecord | Where-Object { $pattern.IsMatch($_.Name) })
    if ($found.Count -eq 0) { $Cmdlet.ThrowTerminatingError((New-FerryStubError @{ message = "Hyper-V was unable to find a virtual machine with name ""$Name""."; hresult = 0x80070490; errorId = 'InvalidParameter'; category = 'InvalidArgument' } $Cmdlet.MyInvocation.MyCommand.Name)) }
    if ($found.Count -gt 1) { $Cmdlet.ThrowTerminatingError((New-FerryStubError @{ message = "The operation cannot be performed because the name ""$Name"" matches more than one virtual machine."; hresult = 0x80070057; errorId = 'InvalidParameter'; category = 'InvalidArgument' } $Cmdlet.MyInvocation.MyCommand.Name)) }
    return $found[0]
}

function Move-VM {
    [CmdletBinding(DefaultParameterSetName = 'NameSingleDestination', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')] [string[]] $ComputerName,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')] [pscredential[]] $Credential,
        [Parameter(ParameterSetName = 'NameSingleDestination', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'NameMultipleDestinations', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [string] $Name,
        [Parameter(ParameterSetName = 'VMSingleDestination', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'VMMultipleDestinations', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [Microsoft.HyperV.PowerShell.VirtualMachine] $VM,
        [Parameter(ParameterSetName = 'CompatibilityReport', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [Microsoft.HyperV.PowerShell.VMCompatibilityReport] $CompatibilityReport,
        [Parameter(ParameterSetName = 'NameSingleDestination', Mandatory = $true, Position = 1)] [Parameter(ParameterSetName = 'NameMultipleDestinations', Mandatory = $true, Position = 1)]
        [Parameter(ParameterSetName = 'VMSingleDestination', Mandatory = $true, Position = 1)] [Parameter(ParameterSetName = 'VMMultipleDestinations', Mandatory = $true, Position = 1)] [string] $DestinationHost,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')]
        [Parameter(ParameterSetName = 'VMSingleDestination')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [pscredential] $DestinationCredential,
        # -IncludeStorage and -DestinationStoragePath: the single-destination sets only (the docs' syntax blocks;
        # their example 3 mixes -IncludeStorage with -Vhds, which the syntax does not allow).
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'VMSingleDestination')] [switch] $IncludeStorage,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'VMSingleDestination')] [string] $DestinationStoragePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [string] $VirtualMachinePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [Alias('CheckpointFileLocation', 'SnapshotFileLocation')] [string] $SnapshotFilePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [string] $SmartPagingFilePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [hashtable[]] $Vhds,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')]
        [Parameter(ParameterSetName = 'VMSingleDestination')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [string] $ResourcePoolName,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')]
        [Parameter(ParameterSetName = 'VMSingleDestination')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [switch] $RetainVhdCopiesOnSource,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')]
        [Parameter(ParameterSetName = 'VMSingleDestination')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [switch] $RemoveSourceUnmanagedVhds,
        [switch] $AsJob,
        [switch] $Passthru
    )
    process {
        Write-FerryStubCall 'Move-VM' $PSCmdlet.ParameterSetName $PSBoundParameters
        if ($PSCmdlet.ParameterSetName -like 'VM*') { $h = Resolve-FerryStubHost $PSCmdlet @($VM.ComputerName); $target = $VM }
        else { $h = Resolve-FerryStubHost $PSCmdlet $ComputerName; $target = Find-FerryStubVm $PSCmdlet $h $Name }
        Assert-FerryStubNoFailure $PSCmdlet 'Move-VM' ([string] $h.name)
        Resolve-FerryStubHost $PSCmdlet @($DestinationHost) | Out-Null
        if ($target.IsClustered) {
            $PSCmdlet.ThrowTerminatingError((New-FerryStubError @{ message = "The operation cannot be performed while the virtual machine is clustered. Use Failover Cluster Manager to move it, or remove it from the cluster first."; hresult = 0x80070032; errorId = 'InvalidOperation'; category = 'InvalidOperation' } 'Move-VM'))
        }
        $kind = 'live'; if ($IncludeStorage -or $Vhds -or $VirtualMachinePath) { $kind = 'live-vsm' }
        if ($AsJob) {
            $job = New-Object FerryStub.MoveJob 'Move-VM', 'Job'
            $PSCmdlet.JobRepository.Add($job)
            Register-FerryStubMove $target $DestinationHost $job $kind
            return $job
        }
        Register-FerryStubMove $target $DestinationHost $null $kind
        $move = (Get-FerryStubState).Moves[$target.Id.ToString()]
        while (-not $move.Ended) { Step-FerryStubMove $move }
        if ($move.Failed) { $PSCmdlet.ThrowTerminatingError((New-FerryStubError (Get-FerryStubState).Estate.move.failure 'Move-VM')) }
        if ($Passthru) { return $target }
    }
}

function Move-VMStorage {
    [CmdletBinding(DefaultParameterSetName = 'NameSingleDestination', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')] [string[]] $ComputerName,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')] [pscredential[]] $Credential,
        # Hyper-V 2.0.0 names it -Name (2012 R2's docs say -VMName); the alias keeps both working.
        [Parameter(ParameterSetName = 'NameSingleDestination', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'NameMultipleDestinations', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [Alias('VMName')] [string] $Name,
        [Parameter(ParameterSetName = 'VMSingleDestination', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'VMMultipleDestinations', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [Microsoft.HyperV.PowerShell.VirtualMachine] $VM,
        [Parameter(ParameterSetName = 'NameSingleDestination', Mandatory = $true, Position = 1)] [Parameter(ParameterSetName = 'VMSingleDestination', Mandatory = $true, Position = 1)] [string] $DestinationStoragePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [string] $VirtualMachinePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [Alias('CheckpointFileLocation', 'SnapshotFileLocation')] [string] $SnapshotFilePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [string] $SmartPagingFilePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [hashtable[]] $Vhds,
        [string] $ResourcePoolName,
        [switch] $RetainVhdCopiesOnSource,
        [switch] $RemoveSourceUnmanagedVhds,
        [switch] $AllowUnverifiedPaths,
        [switch] $AsJob
    )
    process {
        Write-FerryStubCall 'Move-VMStorage' $PSCmdlet.ParameterSetName $PSBoundParameters
        if ($PSCmdlet.ParameterSetName -like 'VM*') { $h = Resolve-FerryStubHost $PSCmdlet @($VM.ComputerName); $target = $VM }
        else { $h = Resolve-FerryStubHost $PSCmdlet $ComputerName; $target = Find-FerryStubVm $PSCmdlet $h $Name }
        Assert-FerryStubNoFailure $PSCmdlet 'Move-VMStorage' ([string] $h.name)
        foreach ($v in @($Vhds)) {
            if ($null -ne $v -and (-not $v.ContainsKey('SourceFilePath') -or -not $v.ContainsKey('DestinationFilePath'))) {
                $PSCmdlet.ThrowTerminatingError((New-FerryStubError @{ message = 'Each hashtable in -Vhds needs SourceFilePath and DestinationFilePath.'; hresult = 0x80070057; errorId = 'InvalidParameter'; category = 'InvalidArgument' } 'Move-VMStorage'))
            }
        }
        if ($AsJob) {
            $job = New-Object FerryStub.MoveJob 'Move-VMStorage', 'Job'
            $PSCmdlet.JobRepository.Add($job)
            Register-FerryStubMove $target $null $job 'storage'
            return $job
        }
        Register-FerryStubMove $target $null $null 'storage'
        $move = (Get-FerryStubState).Moves[$target.Id.ToString()]
        while (-not $move.Ended) { Step-FerryStubMove $move }
        if ($move.Failed) { $PSCmdlet.ThrowTerminatingError((New-FerryStubError (Get-FerryStubState).Estate.move.failure 'Move-VMStorage')) }
    }
}

function Compare-VM {
    [CmdletBinding(DefaultParameterSetName = 'NameSingleDestination', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')] [string[]] $ComputerName,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')] [pscredential[]] $Credential,
        [Parameter(ParameterSetName = 'NameSingleDestination', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'NameMultipleDestinations', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [string] $Name,
        [Parameter(ParameterSetName = 'VMSingleDestination', Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [Parameter(ParameterSetName = 'VMMultipleDestinations', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [Microsoft.HyperV.PowerShell.VirtualMachine] $VM,
        [Parameter(ParameterSetName = 'NameSingleDestination', Mandatory = $true, Position = 1)] [Parameter(ParameterSetName = 'NameMultipleDestinations', Mandatory = $true, Position = 1)]
        [Parameter(ParameterSetName = 'VMSingleDestination', Mandatory = $true, Position = 1)] [Parameter(ParameterSetName = 'VMMultipleDestinations', Mandatory = $true, Position = 1)] [string] $DestinationHost,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'NameMultipleDestinations')]
        [Parameter(ParameterSetName = 'VMSingleDestination')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [pscredential] $DestinationCredential,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'VMSingleDestination')] [switch] $IncludeStorage,
        [Parameter(ParameterSetName = 'NameSingleDestination')] [Parameter(ParameterSetName = 'VMSingleDestination')] [string] $DestinationStoragePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [string] $VirtualMachinePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [string] $SnapshotFilePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [string] $SmartPagingFilePath,
        [Parameter(ParameterSetName = 'NameMultipleDestinations')] [Parameter(ParameterSetName = 'VMMultipleDestinations')] [hashtable[]] $Vhds,
        [string] $ResourcePoolName,
        [switch] $RetainVhdCopiesOnSource,
        [switch] $AsJob
    )
    process {
        Write-FerryStubCall 'Compare-VM' $PSCmdlet.ParameterSetName $PSBoundParameters
        if ($PSCmdlet.ParameterSetName -like 'VM*') { $h = Resolve-FerryStubHost $PSCmdlet @($VM.ComputerName); $target = $VM }
        else { $h = Resolve-FerryStubHost $PSCmdlet $ComputerName; $target = Find-FerryStubVm $PSCmdlet $h $Name }
        Assert-FerryStubNoFailure $PSCmdlet 'Compare-VM' ([string] $h.name)
        $report = New-Object Microsoft.HyperV.PowerShell.VMCompatibilityReport
        $report.VM = $target; $report.Destination = $DestinationHost
        $report.Incompatibilities = @(foreach ($i in @((Get-FerryStubState).Estate.compare)) {
            if ($null -eq $i) { continue }
            $e = New-Object Microsoft.HyperV.PowerShell.VMCompatibilityError; $e.Message = [string] $i.message; $e.MessageId = [long] $i.messageId; $e
        })
        return $report
    }
}

function Get-VMHost {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [ValidateNotNullOrEmpty()] [string[]] $ComputerName, [pscredential[]] $Credential)
    Write-FerryStubCall 'Get-VMHost' $PSCmdlet.ParameterSetName $PSBoundParameters
    $h = Resolve-FerryStubHost $PSCmdlet $ComputerName
    Assert-FerryStubNoFailure $PSCmdlet 'Get-VMHost' ([string] $h.name)
    $s = $h.vmHost
    $o = New-Object Microsoft.HyperV.PowerShell.VMHost
    $o.Name = [string] $h.name; $o.FullyQualifiedDomainName = [string] $s.FullyQualifiedDomainName
    $o.LogicalProcessorCount = [long] $s.LogicalProcessorCount; $o.MemoryCapacity = [long] $s.MemoryCapacity
    $o.VirtualMachineMigrationEnabled = [bool] $s.VirtualMachineMigrationEnabled
    $o.MaximumVirtualMachineMigrations = [uint32] $s.MaximumVirtualMachineMigrations; $o.MaximumStorageMigrations = [uint32] $s.MaximumStorageMigrations
    $o.VirtualMachineMigrationPerformanceOption = [Microsoft.HyperV.PowerShell.VMMigrationPerformance] [string] $s.VirtualMachineMigrationPerformanceOption
    $o.VirtualMachineMigrationAuthenticationType = [Microsoft.HyperV.PowerShell.MigrationAuthenticationType] [string] $s.VirtualMachineMigrationAuthenticationType
    $o.UseAnyNetworkForMigration = [string] $s.UseAnyNetworkForMigration -eq 'True'
    $o.VirtualHardDiskPath = [string] $s.VirtualHardDiskPath; $o.VirtualMachinePath = [string] $s.VirtualMachinePath
    $o.SupportedVmVersions = @(@($s.SupportedVmVersions) | Where-Object { $null -ne $_ } | ForEach-Object { [string] $_ })
    return $o
}

function Set-VMHost {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Position = 0)] [ValidateNotNullOrEmpty()] [string[]] $ComputerName,
        [pscredential[]] $Credential,
        [ValidateRange(1, 2147483647)] [Nullable[uint32]] $MaximumStorageMigrations,
        [ValidateRange(1, 2147483647)] [Nullable[uint32]] $MaximumVirtualMachineMigrations,
        [Nullable[Microsoft.HyperV.PowerShell.MigrationAuthenticationType]] $VirtualMachineMigrationAuthenticationType,
        [Nullable[bool]] $UseAnyNetworkForMigration,
        [Nullable[Microsoft.HyperV.PowerShell.VMMigrationPerformance]] $VirtualMachineMigrationPerformanceOption,
        [string] $VirtualHardDiskPath,
        [string] $VirtualMachinePath,
        [string] $MacAddressMaximum,
        [string] $MacAddressMinimum,
        [Nullable[bool]] $NumaSpanningEnabled,
        [Nullable[bool]] $EnableEnhancedSessionMode,
        [string] $ResourceMeteringSaveInterval,
        [switch] $Passthru
    )
    Write-FerryStubCall 'Set-VMHost' $PSCmdlet.ParameterSetName $PSBoundParameters
    $h = Resolve-FerryStubHost $PSCmdlet $ComputerName
    Assert-FerryStubNoFailure $PSCmdlet 'Set-VMHost' ([string] $h.name)
    foreach ($k in 'MaximumStorageMigrations', 'MaximumVirtualMachineMigrations', 'UseAnyNetworkForMigration', 'VirtualHardDiskPath', 'VirtualMachinePath',
        'VirtualMachineMigrationPerformanceOption', 'VirtualMachineMigrationAuthenticationType') {
        if ($PSBoundParameters.ContainsKey($k)) { $h.vmHost | Add-Member -NotePropertyName $k -NotePropertyValue ([string] $PSBoundParameters[$k]) -Force }
    }
}

function Enable-VMMigration {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)] [ValidateNotNullOrEmpty()] [string[]] $ComputerName, [pscredential[]] $Credential, [switch] $Passthru)
    Write-FerryStubCall 'Enable-VMMigration' $PSCmdlet.ParameterSetName $PSBoundParameters
    $h = Resolve-FerryStubHost $PSCmdlet $ComputerName
    Assert-FerryStubNoFailure $PSCmdlet 'Enable-VMMigration' ([string] $h.name)
    $h.vmHost.VirtualMachineMigrationEnabled = $true
}

function Disable-VMMigration {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)] [ValidateNotNullOrEmpty()] [string[]] $ComputerName, [pscredential[]] $Credential, [switch] $Passthru)
    Write-FerryStubCall 'Disable-VMMigration' $PSCmdlet.ParameterSetName $PSBoundParameters
    $h = Resolve-FerryStubHost $PSCmdlet $ComputerName
    Assert-FerryStubNoFailure $PSCmdlet 'Disable-VMMigration' ([string] $h.name)
    $h.vmHost.VirtualMachineMigrationEnabled = $false
}

function Get-VMMigrationNetwork {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string] $Subnet, [string[]] $ComputerName, [pscredential[]] $Credential)
    Write-FerryStubCall 'Get-VMMigrationNetwork' $PSCmdlet.ParameterSetName $PSBoundParameters
    $h = Resolve-FerryStubHost $PSCmdlet $ComputerName
    $list = (Get-FerryStubState).Networks[[string] $h.name]
    foreach ($n in $list.ToArray()) { if (-not $Subnet -or $n.Subnet -like $Subnet) { $n } }
}

function Add-VMMigrationNetwork {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true, Position = 0)] [string] $Subnet, [Parameter(Position = 1)] [uint32] $Priority, [string[]] $ComputerName, [pscredential[]] $Credential, [switch] $Passthru)
    Write-FerryStubCall 'Add-VMMigrationNetwork' $PSCmdlet.ParameterSetName $PSBoundParameters
    $h = Resolve-FerryStubHost $PSCmdlet $ComputerName
    Assert-FerryStubNoFailure $PSCmdlet 'Add-VMMigrationNetwork' ([string] $h.name)
    $n = New-Object Microsoft.HyperV.PowerShell.VMMigrationNetwork
    $n.Subnet = $Subnet; $n.Priority = $Priority; $n.ComputerName = [string] $h.name
    (Get-FerryStubState).Networks[[string] $h.name].Add($n)
}

function Remove-VMMigrationNetwork {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true, Position = 0)] [string] $Subnet, [string[]] $ComputerName, [pscredential[]] $Credential, [switch] $Passthru)
    Write-FerryStubCall 'Remove-VMMigrationNetwork' $PSCmdlet.ParameterSetName $PSBoundParameters
    $h = Resolve-FerryStubHost $PSCmdlet $ComputerName
    $list = (Get-FerryStubState).Networks[[string] $h.name]
    foreach ($n in @($list | Where-Object { $_.Subnet -like $Subnet })) { [void] $list.Remove($n) }
}

# Start-VM and Save-VM: -Name (wildcards) with -ComputerName, or -VM objects.
function Invoke-FerryStubVmState {
    param($Cmdlet, [string] $CmdletName, [hashtable] $Bound, [Microsoft.HyperV.PowerShell.VMState] $To)
    Write-FerryStubCall $CmdletName $Cmdlet.ParameterSetName $Bound
    if ($Cmdlet.ParameterSetName -eq 'VMObject') { $targets = @($Bound.VM) }
    else {
        $h = Resolve-FerryStubHost $Cmdlet $Bound.ComputerName
        $targets = @(foreach ($n in $Bound.Name) { Find-FerryStubVm $Cmdlet $h $n })
    }
    foreach ($t in $targets) {
        Assert-FerryStubNoFailure $Cmdlet $CmdletName ([string] $t.ComputerName)
        $t.State = $To
    }
}

function Start-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'Name')] [string[]] $ComputerName,
        [Parameter(ParameterSetName = 'Name')] [pscredential[]] $Credential,
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [Alias('VMName')] [ValidateNotNullOrEmpty()] [string[]] $Name,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [ValidateNotNullOrEmpty()] [Microsoft.HyperV.PowerShell.VirtualMachine[]] $VM,
        [switch] $AsJob, [switch] $Passthru
    )
    process { Invoke-FerryStubVmState $PSCmdlet 'Start-VM' $PSBoundParameters ([Microsoft.HyperV.PowerShell.VMState]::Running) }
}

function Save-VM {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'Name')] [string[]] $ComputerName,
        [Parameter(ParameterSetName = 'Name')] [pscredential[]] $Credential,
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [Alias('VMName')] [ValidateNotNullOrEmpty()] [string[]] $Name,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [ValidateNotNullOrEmpty()] [Microsoft.HyperV.PowerShell.VirtualMachine[]] $VM,
        [switch] $AsJob, [switch] $Passthru
    )
    process { Invoke-FerryStubVmState $PSCmdlet 'Save-VM' $PSBoundParameters ([Microsoft.HyperV.PowerShell.VMState]::Saved) }
}

# The estate's disks of the VMs a -VMName / -VM selects.
function Get-FerryStubDisks {
    param($Cmdlet, [hashtable] $Bound)
    if ($Cmdlet.ParameterSetName -eq 'VMObject') { $targets = @($Bound.VM) }
    else {
        $h = Resolve-FerryStubHost $Cmdlet $Bound.ComputerName
        $targets = @(foreach ($n in $Bound.VMName) { $p = [System.Management.Automation.WildcardPattern]::Get($n, 'IgnoreCase'); Get-FerryStubVms $h | Where-Object { $p.IsMatch($_.Name) } })
    }
    foreach ($t in $targets) {
        $record = @((Get-FerryStubState).Estate.vms | Where-Object { [string] $_.id -eq $t.Id.ToString() })[0]
        foreach ($d in @($record.disks)) { if ($null -ne $d) { [pscustomobject] @{ Vm = $t; Disk = $d } } }
    }
}

function Get-VMHardDiskDrive {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param(
        [Parameter(ParameterSetName = 'VMName')] [string[]] $ComputerName,
        [Parameter(ParameterSetName = 'VMName')] [pscredential[]] $Credential,
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)] [string[]] $VMName,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [ValidateNotNullOrEmpty()] [Microsoft.HyperV.PowerShell.VirtualMachine[]] $VM,
        [Nullable[int]] $ControllerLocation, [Nullable[int]] $ControllerNumber, [Nullable[Microsoft.HyperV.PowerShell.ControllerType]] $ControllerType
    )
    process {
        Write-FerryStubCall 'Get-VMHardDiskDrive' $PSCmdlet.ParameterSetName $PSBoundParameters
        foreach ($x in Get-FerryStubDisks $PSCmdlet $PSBoundParameters) {
            $o = New-Object Microsoft.HyperV.PowerShell.HardDiskDrive
            $o.VMName = $x.Vm.Name; $o.VMId = $x.Vm.Id; $o.Path = [string] $x.Disk.path; $o.ComputerName = $x.Vm.ComputerName
            $o.ControllerType = [Microsoft.HyperV.PowerShell.ControllerType] [string] $x.Disk.controllerType
            $o.ControllerNumber = [int] $x.Disk.controllerNumber; $o.ControllerLocation = [int] $x.Disk.controllerLocation
            $o.SupportPersistentReservations = [bool] $x.Disk.shared
            $o
        }
    }
}

function Get-VMProcessor {
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    param(
        [Parameter(ParameterSetName = 'VMName')] [string[]] $ComputerName,
        [Parameter(ParameterSetName = 'VMName')] [pscredential[]] $Credential,
        [Parameter(ParameterSetName = 'VMName', Mandatory = $true, Position = 0)] [string[]] $VMName,
        [Parameter(ParameterSetName = 'VMObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)] [ValidateNotNullOrEmpty()] [Microsoft.HyperV.PowerShell.VirtualMachine[]] $VM
    )
    process {
        Write-FerryStubCall 'Get-VMProcessor' $PSCmdlet.ParameterSetName $PSBoundParameters
        $targets = if ($PSCmdlet.ParameterSetName -eq 'VMObject') { @($VM) } else { $h = Resolve-FerryStubHost $PSCmdlet $ComputerName; @(foreach ($n in $VMName) { Find-FerryStubVm $PSCmdlet $h $n }) }
        foreach ($t in $targets) {
            $record = @((Get-FerryStubState).Estate.vms | Where-Object { [string] $_.id -eq $t.Id.ToString() })[0]
            $o = New-Object Microsoft.HyperV.PowerShell.VMProcessor
            $o.VMName = $t.Name; $o.VMId = $t.Id; $o.CompatibilityForMigrationEnabled = [bool] $record.compatibilityForMigration
            $o
        }
    }
}

function Get-VHD {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)] [Alias('FullName')] [string[]] $Path,
        [Parameter(ParameterSetName = 'Disk', Mandatory = $true, Position = 0)] [uint32] $DiskNumber,
        [Parameter(ParameterSetName = 'VMId', Mandatory = $true, Position = 0)] [guid[]] $VMId,
        [string[]] $ComputerName, [pscredential[]] $Credential
    )
    process {
        Write-FerryStubCall 'Get-VHD' $PSCmdlet.ParameterSetName $PSBoundParameters
        Resolve-FerryStubHost $PSCmdlet $ComputerName | Out-Null
        foreach ($p in @($Path)) {
            $disk = $null
            foreach ($v in @((Get-FerryStubState).Estate.vms)) { foreach ($d in @($v.disks)) { if ($null -ne $d -and [string] $d.path -eq $p) { $disk = $d } } }
            if ($null -eq $disk) { $PSCmdlet.WriteError((New-FerryStubError @{ message = "Getting the mounted storage instance for the path '$p' failed. The system cannot find the file specified."; hresult = 0x80070002; errorId = 'ObjectNotFound'; category = 'ObjectNotFound' } 'Microsoft.Vhd.PowerShell.Cmdlets.GetVHD')); continue }
            $o = New-Object Microsoft.HyperV.PowerShell.VHD
            $o.Path = $p; $o.VhdFormat = [Microsoft.HyperV.PowerShell.VhdFormat] [string] $disk.format; $o.VhdType = [Microsoft.HyperV.PowerShell.VhdType] [string] $disk.type
            $o.Size = [uint64] $disk.size; $o.FileSize = [uint64] $disk.fileSize
            $o
        }
    }
}

Export-ModuleMember -Function Get-VM, Move-VM, Move-VMStorage, Compare-VM, Get-VMHost, Set-VMHost, Enable-VMMigration, Disable-VMMigration,
    Get-VMMigrationNetwork, Add-VMMigrationNetwork, Remove-VMMigrationNetwork, Start-VM, Save-VM, Get-VMHardDiskDrive, Get-VMProcessor, Get-VHD
