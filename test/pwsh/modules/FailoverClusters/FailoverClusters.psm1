# A stand-in for the FailoverClusters module for Ferry's tests: the cmdlets Ferry calls, with the documented
# parameter names, types and positions (learn.microsoft.com/powershell/module/failoverclusters). Every call
# is logged; clusters, nodes, CSVs and VM roles come from the test's estate.
. (Join-Path (Join-Path $PSScriptRoot '..') (Join-Path '..' 'FerryStubCore.ps1'))

# The estate's cluster a -Cluster (or -Name for Get-Cluster) names; none: the local host's cluster.
function Resolve-FerryStubCluster {
    param($Cmdlet, [string] $Name)
    $state = Get-FerryStubState
    if (-not $Name) {
        $local = Resolve-FerryStubHost $Cmdlet @()
        $Name = [string] $local.cluster
    } else {
        foreach ($h in @($state.Estate.hosts)) { if (([string] $h.name -eq $Name -or [string] $h.fqdn -eq $Name) -and $h.cluster) { $Name = [string] $h.cluster } }
    }
    foreach ($c in @($state.Estate.clusters)) { if ($null -ne $c -and [string] $c.name -eq $Name) { return $c } }
    $f = @{ message = "The cluster service is not running. Make sure that the service is running on all nodes in the cluster. There are no more endpoints available from the endpoint mapper"; hresult = 0x800706D9; errorId = 'ClusterCmdletError'; category = 'ConnectionError' }
    $Cmdlet.ThrowTerminatingError((New-FerryStubError $f $Cmdlet.MyInvocation.MyCommand.Name))
}

function New-FerryStubNode {
    param($Cluster, $Node)
    $o = New-Object Microsoft.FailoverClusters.PowerShell.ClusterNode
    $o.Name = [string] $Node.name; $o.State = [Microsoft.FailoverClusters.PowerShell.ClusterNodeState] [string] $Node.state
    $o.NodeHighestVersion = [int] $Node.version; $o.Cluster = [string] $Cluster.name
    return $o
}

function Get-Cluster {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string] $Name, [string] $Domain)
    Write-FerryStubCall 'Get-Cluster' $PSCmdlet.ParameterSetName $PSBoundParameters
    $c = Resolve-FerryStubCluster $PSCmdlet $Name
    $o = New-Object Microsoft.FailoverClusters.PowerShell.Cluster
    $o.Name = [string] $c.name; $o.Domain = [string] $c.domain
    $o.ClusterFunctionalLevel = [uint32] $c.functionalLevel; $o.MaximumParallelMigrations = [uint32] $c.maxParallel
    return $o
}

function Get-ClusterNode {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [System.Collections.Specialized.StringCollection] $Name, [Parameter(ValueFromPipeline = $true)] [psobject] $InputObject, [string] $Cluster)
    Write-FerryStubCall 'Get-ClusterNode' $PSCmdlet.ParameterSetName $PSBoundParameters
    $c = Resolve-FerryStubCluster $PSCmdlet $Cluster
    foreach ($n in @($c.nodes)) { if (-not $Name -or $Name -contains [string] $n.name) { New-FerryStubNode $c $n } }
}

function Get-ClusterSharedVolume {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [System.Collections.Specialized.StringCollection] $Name, [Parameter(ValueFromPipeline = $true)] [psobject] $InputObject,
        [System.Collections.Specialized.StringCollection] $Node, [string] $Cluster)
    Write-FerryStubCall 'Get-ClusterSharedVolume' $PSCmdlet.ParameterSetName $PSBoundParameters
    $c = Resolve-FerryStubCluster $PSCmdlet $Cluster
    foreach ($v in @($c.csvs)) {
        if ($null -eq $v) { continue }
        $partition = New-Object Microsoft.FailoverClusters.PowerShell.ClusterPartition
        $partition.Size = [uint64] $v.size; $partition.FreeSpace = [uint64] $v.free
        $info = New-Object Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeInfo
        $info.FriendlyVolumeName = [string] $v.path; $info.Partition = $partition
        $o = New-Object Microsoft.FailoverClusters.PowerShell.ClusterSharedVolume
        $o.Name = [string] $v.name; $o.SharedVolumeInfo = @($info)
        $o
    }
}

# The VM a cluster role is for: by -VMId, or by the role's name (a VM role is named after its VM).
function Find-FerryStubRoleVm {
    param($Cmdlet, $Cluster, [string] $Name, $VMId)
    $nodes = @($Cluster.nodes | ForEach-Object { [string] $_.name })
    $vms = @((Get-FerryStubState).Vms | Where-Object { $nodes -contains $_.ComputerName -and $_.IsClustered })
    if ($VMId) { $found = @($vms | Where-Object { $_.Id -eq [guid] $VMId }) } else { $found = @($vms | Where-Object { $_.Name -eq $Name }) }
    if ($found.Count -eq 0) {
        $f = @{ message = "An error occurred opening resource group '$Name'. The group or resource is not in the correct state to perform the requested operation."; hresult = 0x8007139F; errorId = 'ClusterCmdletError'; category = 'ObjectNotFound' }
        $Cmdlet.ThrowTerminatingError((New-FerryStubError $f $Cmdlet.MyInvocation.MyCommand.Name))
    }
    return $found[0]
}

# The estate's record of a VM (placement fields: possibleOwners, preferredOwners, availabilitySets).
function Get-FerryStubVmRecord {
    param($Vm)
    return @((Get-FerryStubState).Estate.vms | Where-Object { [string] $_.id -eq $Vm.Id.ToString() })[0]
}

function New-FerryStubGroup {
    param($Cluster, $Vm, [string] $State = 'Online')
    $node = @($Cluster.nodes | Where-Object { [string] $_.name -eq $Vm.ComputerName })[0]
    $record = Get-FerryStubVmRecord $Vm
    $o = New-Object Microsoft.FailoverClusters.PowerShell.ClusterGroup
    # A role keeps the name it was given when the VM was clustered (the estate's roleName), else the VM's.
    $o.Name = $Vm.Name; if ($record -and $record.PSObject.Properties['roleName']) { $o.Name = [string] $record.roleName }
    Add-Member -InputObject $o -MemberType NoteProperty -Name FerryStubVmId -Value $Vm.Id.ToString()
    $o.Cluster = [string] $Cluster.name; $o.OwnerNode = New-FerryStubNode $Cluster $node
    $o.State = [Microsoft.FailoverClusters.PowerShell.ClusterGroupState] $State
    if ($record -and $record.PSObject.Properties['availabilitySets']) { foreach ($n in @($record.availabilitySets)) { if ($null -ne $n) { [void] $o.AntiAffinityClassNames.Add([string] $n) } } }
    return $o
}

# A VM role's resources: the virtual machine and its configuration, as Failover Clustering names them.
function New-FerryStubResources {
    param($Cluster, $Vm)
    $group = New-FerryStubGroup $Cluster $Vm
    foreach ($type in 'Virtual Machine', 'Virtual Machine Configuration') {
        $t = New-Object Microsoft.FailoverClusters.PowerShell.ClusterResourceType; $t.Name = $type
        $r = New-Object Microsoft.FailoverClusters.PowerShell.ClusterResource
        $r.Name = "$type $($group.Name)"; $r.ResourceType = $t; $r.OwnerGroup = $group; $r.Cluster = [string] $Cluster.name
        # The VM the resource is for, as the cluster knows it (its VmID private property); hidden from scripts' view.
        Add-Member -InputObject $r -MemberType NoteProperty -Name FerryStubVmId -Value $Vm.Id.ToString()
        $r
    }
}

function Get-ClusterResource {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [System.Collections.Specialized.StringCollection] $Name, [Nullable[guid]] $VMId,
        [Parameter(ValueFromPipeline = $true)] [psobject] $InputObject, [string] $Cluster)
    process {
        Write-FerryStubCall 'Get-ClusterResource' $PSCmdlet.ParameterSetName $PSBoundParameters
        $c = Resolve-FerryStubCluster $PSCmdlet $Cluster
        $nodes = @($c.nodes | ForEach-Object { [string] $_.name })
        foreach ($vm in @((Get-FerryStubState).Vms | Where-Object { $nodes -contains $_.ComputerName -and $_.IsClustered })) {
            if ($VMId -and $vm.Id -ne [guid] $VMId) { continue }
            if ($InputObject -and $InputObject -is [Microsoft.FailoverClusters.PowerShell.ClusterGroup] -and $InputObject.Name -ne $vm.Name) { continue }
            foreach ($r in New-FerryStubResources $c $vm) { if (-not $Name -or $Name -contains $r.Name) { $r } }
        }
    }
}

# Possible owners of a resource (-Resource), or preferred owners of a group (-Group), as the estate says:
# by default every node may own a VM's resource, and a group prefers none.
function Get-ClusterOwnerNode {
    [CmdletBinding()]
    param([string] $Resource, [string] $Group, [string] $ResourceType, [Parameter(ValueFromPipeline = $true)] [psobject] $InputObject, [string] $Cluster)
    process {
        Write-FerryStubCall 'Get-ClusterOwnerNode' $PSCmdlet.ParameterSetName $PSBoundParameters
        $c = Resolve-FerryStubCluster $PSCmdlet $Cluster
        $nodes = @($c.nodes | ForEach-Object { [string] $_.name })
        $vms = @((Get-FerryStubState).Vms | Where-Object { $nodes -contains $_.ComputerName -and $_.IsClustered })
        $o = New-Object Microsoft.FailoverClusters.PowerShell.ClusterOwnerNodes
        if ($Resource) {
            $vm = @($vms | Where-Object { "Virtual Machine $($_.Name)" -eq $Resource -or "Virtual Machine Configuration $($_.Name)" -eq $Resource })[0]
            if ($null -eq $vm) {
                $PSCmdlet.ThrowTerminatingError((New-FerryStubError @{ message = "The cluster resource '$Resource' could not be found."; hresult = 0x8007138F; errorId = 'ClusterCmdletError'; category = 'ObjectNotFound' } 'Get-ClusterOwnerNode'))
            }
            $record = Get-FerryStubVmRecord $vm
            $owners = $nodes
            if ($record.PSObject.Properties['possibleOwners'] -and $null -ne $record.possibleOwners) { $owners = @($record.possibleOwners | ForEach-Object { [string] $_ }) }
            $o.ClusterObject = @(New-FerryStubResources $c $vm)[0]
        } elseif ($Group) {
            $vm = @($vms | Where-Object { $_.Name -eq $Group })[0]
            if ($null -eq $vm) {
                $PSCmdlet.ThrowTerminatingError((New-FerryStubError @{ message = "The cluster group '$Group' could not be found."; hresult = 0x80071395; errorId = 'ClusterCmdletError'; category = 'ObjectNotFound' } 'Get-ClusterOwnerNode'))
            }
            $record = Get-FerryStubVmRecord $vm
            $owners = @()
            if ($record.PSObject.Properties['preferredOwners'] -and $null -ne $record.preferredOwners) { $owners = @($record.preferredOwners | ForEach-Object { [string] $_ }) }
            $o.ClusterObject = New-FerryStubGroup $c $vm
        } else {
            $PSCmdlet.ThrowTerminatingError((New-FerryStubError @{ message = 'Specify a resource (-Resource) or a group (-Group).'; hresult = 0x80070057; errorId = 'InvalidParameter'; category = 'InvalidArgument' } 'Get-ClusterOwnerNode'))
        }
        $o.OwnerNodes = @(foreach ($n in $owners) { New-FerryStubNode $c @($c.nodes | Where-Object { [string] $_.name -eq $n })[0] })
        $o
    }
}

# A cluster object's private properties: a Virtual Machine resource's VmID (a string, as the cluster stores it)
# and VmStoreRootPath. Without -InputObject, the cluster's own: none here.
function Get-ClusterParameter {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [System.Collections.Specialized.StringCollection] $Name, [Parameter(ValueFromPipeline = $true)] [psobject] $InputObject, [string] $Cluster)
    process {
        Write-FerryStubCall 'Get-ClusterParameter' $PSCmdlet.ParameterSetName $PSBoundParameters
        $target = $Cluster; if ($InputObject -and $InputObject.PSObject.Properties['Cluster']) { $target = [string] $InputObject.Cluster }
        $c = Resolve-FerryStubCluster $PSCmdlet $target
        if (-not ($InputObject -is [Microsoft.FailoverClusters.PowerShell.ClusterResource]) -or $InputObject.ResourceType.Name -ne 'Virtual Machine') { return }
        $vm = @((Get-FerryStubState).Vms | Where-Object { $_.Id.ToString() -eq [string] $InputObject.FerryStubVmId })[0]
        $values = [ordered] @{ VmID = $vm.Id.ToString(); VmStoreRootPath = [string] $vm.Path }
        foreach ($k in $values.Keys) {
            if ($Name -and -not ($Name -contains $k)) { continue }
            $p = New-Object Microsoft.FailoverClusters.PowerShell.ClusterParameter
            $p.ClusterObject = $InputObject; $p.Name = $k; $p.IsReadOnly = $true; $p.Value = $values[$k]
            $p
        }
    }
}

# Sets a resource's possible owners (a resource as -InputObject or -Resource) or a group's preferred owners, in
# order (a group as -InputObject or -Group). -Owners is mandatory, as documented: PowerShell refuses an empty
# list before the cmdlet runs. The estate keeps what is set; an owner that is not a node fails as the cluster does.
function Set-ClusterOwnerNode {
    [CmdletBinding()]
    param([string] $Resource, [string] $Group, [Parameter(Mandatory = $true)] [System.Collections.Specialized.StringCollection] $Owners,
        [Parameter(ValueFromPipeline = $true)] [psobject] $InputObject, [string] $Cluster)
    process {
        Write-FerryStubCall 'Set-ClusterOwnerNode' $PSCmdlet.ParameterSetName $PSBoundParameters
        $target = $Cluster; if ($InputObject -and $InputObject.PSObject.Properties['Cluster']) { $target = [string] $InputObject.Cluster }
        $c = Resolve-FerryStubCluster $PSCmdlet $target
        Assert-FerryStubNoFailure $PSCmdlet 'Set-ClusterOwnerNode' ''
        $nodes = @($c.nodes | ForEach-Object { [string] $_.name })
        foreach ($n in $Owners) {
            if (-not ($nodes -contains $n)) {
                $PSCmdlet.ThrowTerminatingError((New-FerryStubError @{ message = "The cluster node '$n' was not found."; hresult = 0x800713B2; errorId = 'ClusterCmdletError'; category = 'ObjectNotFound' } 'Set-ClusterOwnerNode'))
            }
        }
        $vms = @((Get-FerryStubState).Vms | Where-Object { $nodes -contains $_.ComputerName -and $_.IsClustered })
        if ($InputObject -is [Microsoft.FailoverClusters.PowerShell.ClusterResource]) {
            $vm = @($vms | Where-Object { $_.Id.ToString() -eq [string] $InputObject.FerryStubVmId })[0]; $field = 'possibleOwners'
        } elseif ($InputObject -is [Microsoft.FailoverClusters.PowerShell.ClusterGroup] -or $Group) {
            if ($InputObject) { $vm = @($vms | Where-Object { $_.Id.ToString() -eq [string] $InputObject.FerryStubVmId })[0] } else { $vm = @($vms | Where-Object { $_.Name -eq $Group })[0] }
            $field = 'preferredOwners'
        } else {
            $vm = @($vms | Where-Object { "Virtual Machine $($_.Name)" -eq $Resource })[0]; $field = 'possibleOwners'
        }
        $record = if ($vm) { Get-FerryStubVmRecord $vm } else { $null }
        if ($record) { $record | Add-Member -NotePropertyName $field -NotePropertyValue ([string[]] @($Owners)) -Force }
    }
}

# Windows Server 2022's affinity rules (a CDXML cmdlet: MSCluster_AffinityRule instances; -CimSession takes a
# session or, through the CDXML transformation, a computer name: the stub takes the name). No -Cluster: the docs'
# syntax has none. The estate's cluster of the host addressed (or the local one) answers.
function Get-ClusterAffinityRule {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)] [string[]] $Name, [Alias('Session')] [string[]] $CimSession, [int] $ThrottleLimit, [switch] $AsJob)
    process {
        Write-FerryStubCall 'Get-ClusterAffinityRule' $PSCmdlet.ParameterSetName $PSBoundParameters
        $target = $null; if ($CimSession) { $target = $CimSession[0] }
        $c = Resolve-FerryStubCluster $PSCmdlet $target
        foreach ($r in @($c.affinityRules)) {
            if ($null -eq $r -or ($Name -and $Name -notcontains [string] $r.name)) { continue }
            [pscustomobject] @{ PSTypeName = 'Microsoft.Management.Infrastructure.CimInstance#root/MSCLUSTER/MSCluster_AffinityRule'
                Name = [string] $r.name; RuleType = [uint32] $r.ruleType; Groups = [string[]] @($r.groups); Enabled = [uint32] $r.enabled }
        }
    }
}

# The estate's affinity rule a -Name names on the cluster a -CimSession addresses; none: the cluster's error.
function Find-FerryStubAffinityRule {
    param($Cmdlet, [string] $CmdletName, $CimSession, [string] $Name)
    $target = $null; if ($CimSession) { $target = $CimSession[0] }
    $c = Resolve-FerryStubCluster $Cmdlet $target
    Assert-FerryStubNoFailure $Cmdlet $CmdletName ''
    $r = @($c.affinityRules | Where-Object { $null -ne $_ -and [string] $_.name -eq $Name })[0]
    if ($null -eq $r) {
        $Cmdlet.ThrowTerminatingError((New-FerryStubError @{ message = "The affinity rule '$Name' was not found."; hresult = 0x80070490; errorId = 'HRESULT 0x80070490,' + $CmdletName; category = 'ObjectNotFound' } $CmdletName))
    }
    return @{ Cluster = $c; Rule = $r }
}

# New-ClusterAffinityRule [-Name] <String> [-RuleType <RuleType>] [-CimSession] [-ThrottleLimit] [-AsJob]: a rule
# with no groups, enabled. The estate keeps it (ruleType as CLUS_AFFINITY_RULE_TYPE: SameNode 2, DifferentNode 4).
function New-ClusterAffinityRule {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)] [string] $Name,
        [ValidateSet('None', 'SameFaultDomain', 'SameNode', 'DifferentFaultDomain', 'DifferentNode')] [string] $RuleType,
        [Alias('Session')] [string[]] $CimSession, [int] $ThrottleLimit, [switch] $AsJob)
    Write-FerryStubCall 'New-ClusterAffinityRule' $PSCmdlet.ParameterSetName $PSBoundParameters
    $target = $null; if ($CimSession) { $target = $CimSession[0] }
    $c = Resolve-FerryStubCluster $PSCmdlet $target
    Assert-FerryStubNoFailure $PSCmdlet 'New-ClusterAffinityRule' ''
    if (@($c.affinityRules | Where-Object { $null -ne $_ -and [string] $_.name -eq $Name }).Count -gt 0) {
        $PSCmdlet.ThrowTerminatingError((New-FerryStubError @{ message = "An affinity rule named '$Name' already exists."; hresult = 0x800700B7; errorId = 'HRESULT 0x800700b7,New-ClusterAffinityRule'; category = 'ResourceExists' } 'New-ClusterAffinityRule'))
    }
    $types = @{ None = 0; SameFaultDomain = 1; SameNode = 2; DifferentFaultDomain = 3; DifferentNode = 4 }
    $t = 0; if ($RuleType) { $t = $types[$RuleType] }
    $c | Add-Member -NotePropertyName affinityRules -NotePropertyValue (@(@($c.affinityRules) | Where-Object { $null -ne $_ }) + @([pscustomobject] @{ name = $Name; ruleType = $t; groups = @(); enabled = 1 })) -Force
}

# Add-ClusterGroupToAffinityRule [[-Name] <String[]>] [-Groups] <String[]> ...: adds groups (by exact name) to a rule.
function Add-ClusterGroupToAffinityRule {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string[]] $Name, [Parameter(Mandatory = $true, Position = 1)] [string[]] $Groups,
        [Alias('Session')] [string[]] $CimSession, [int] $ThrottleLimit, [switch] $AsJob, [switch] $PassThru)
    Write-FerryStubCall 'Add-ClusterGroupToAffinityRule' $PSCmdlet.ParameterSetName $PSBoundParameters
    foreach ($n in $Name) {
        $found = Find-FerryStubAffinityRule $PSCmdlet 'Add-ClusterGroupToAffinityRule' $CimSession $n
        $found.Rule.groups = @(@($found.Rule.groups) + @($Groups | Where-Object { @($found.Rule.groups) -notcontains $_ }))
    }
}

# Remove-ClusterGroupFromAffinityRule [[-Name] <String[]>] [-Groups] <String[]> ...: takes groups off a rule.
function Remove-ClusterGroupFromAffinityRule {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string[]] $Name, [Parameter(Mandatory = $true, Position = 1)] [string[]] $Groups,
        [Alias('Session')] [string[]] $CimSession, [int] $ThrottleLimit, [switch] $AsJob, [switch] $PassThru)
    Write-FerryStubCall 'Remove-ClusterGroupFromAffinityRule' $PSCmdlet.ParameterSetName $PSBoundParameters
    foreach ($n in $Name) {
        $found = Find-FerryStubAffinityRule $PSCmdlet 'Remove-ClusterGroupFromAffinityRule' $CimSession $n
        $found.Rule.groups = @(@($found.Rule.groups) | Where-Object { $Groups -notcontains $_ })
    }
}

# Remove-ClusterAffinityRule [[-Name] <String[]>] [-CimSession] [-ThrottleLimit] [-AsJob] [-PassThru] [-WhatIf] [-Confirm].
function Remove-ClusterAffinityRule {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param([Parameter(Position = 0)] [string[]] $Name, [Alias('Session')] [string[]] $CimSession, [int] $ThrottleLimit, [switch] $AsJob, [switch] $PassThru)
    Write-FerryStubCall 'Remove-ClusterAffinityRule' $PSCmdlet.ParameterSetName $PSBoundParameters
    foreach ($n in $Name) {
        $found = Find-FerryStubAffinityRule $PSCmdlet 'Remove-ClusterAffinityRule' $CimSession $n
        if ($PSCmdlet.ShouldProcess($n)) {
            $found.Cluster | Add-Member -NotePropertyName affinityRules -NotePropertyValue @(@($found.Cluster.affinityRules) | Where-Object { $null -ne $_ -and [string] $_.name -ne $n }) -Force
        }
    }
}

function Get-ClusterGroup {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [System.Collections.Specialized.StringCollection] $Name, [Parameter(ValueFromPipeline = $true)] [psobject] $InputObject,
        [Nullable[guid]] $VMId, [string] $Cluster)
    Write-FerryStubCall 'Get-ClusterGroup' $PSCmdlet.ParameterSetName $PSBoundParameters
    $c = Resolve-FerryStubCluster $PSCmdlet $Cluster
    $n = $null; if ($Name) { $n = $Name[0] }
    $vm = Find-FerryStubRoleVm $PSCmdlet $c $n $VMId
    return (New-FerryStubGroup $c $vm)
}

function Move-ClusterVirtualMachineRole {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [string] $Node,
        [Parameter(ValueFromPipeline = $true)] [psobject] $InputObject,
        [Microsoft.FailoverClusters.PowerShell.VmMigrationType] $MigrationType,
        [switch] $IgnoreLocked,
        [Nullable[guid]] $VMId,
        [switch] $Cancel,
        [int] $Wait,
        [string] $Cluster
    )
    Write-FerryStubCall 'Move-ClusterVirtualMachineRole' $PSCmdlet.ParameterSetName $PSBoundParameters
    $c = Resolve-FerryStubCluster $PSCmdlet $Cluster
    Assert-FerryStubNoFailure $PSCmdlet 'Move-ClusterVirtualMachineRole' ''
    $vm = Find-FerryStubRoleVm $PSCmdlet $c $Name $VMId
    $moves = (Get-FerryStubState).Moves
    if ($Cancel) {
        if ($moves.ContainsKey($vm.Id.ToString())) { $moves[$vm.Id.ToString()].Ended = $true; $moves.Remove($vm.Id.ToString()) }
        return (New-FerryStubGroup $c $vm)
    }
    if (-not (@($c.nodes | ForEach-Object { [string] $_.name }) -contains $Node)) {
        $f = @{ message = "The cluster node '$Node' was not found."; hresult = 0x800713B2; errorId = 'ClusterCmdletError'; category = 'ObjectNotFound' }
        $PSCmdlet.ThrowTerminatingError((New-FerryStubError $f 'Move-ClusterVirtualMachineRole'))
    }
    Register-FerryStubMove $vm $Node $null 'cluster' ([string] $c.name) $Node
    if ($Wait -ne 0) { $m = $moves[$vm.Id.ToString()]; while (-not $m.Ended) { Step-FerryStubMove $m } }
    return (New-FerryStubGroup $c $vm 'Pending')
}

function Add-ClusterVirtualMachineRole {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [string] $VMName,
        [string] $Name,
        [string] $VirtualMachine,
        [Nullable[guid]] $VMId,
        [System.Collections.Specialized.StringCollection] $StaticAddress,
        [System.Collections.Specialized.StringCollection] $IgnoreNetwork,
        [int] $Wait,
        [Parameter(ValueFromPipeline = $true)] [psobject] $InputObject,
        [string] $Cluster
    )
    Write-FerryStubCall 'Add-ClusterVirtualMachineRole' $PSCmdlet.ParameterSetName $PSBoundParameters
    $c = Resolve-FerryStubCluster $PSCmdlet $Cluster
    $nodes = @($c.nodes | ForEach-Object { [string] $_.name })
    $vm = @((Get-FerryStubState).Vms | Where-Object { $nodes -contains $_.ComputerName -and (($VMId -and $_.Id -eq [guid] $VMId) -or ($VMName -and $_.Name -eq $VMName)) })[0]
    if ($null -eq $vm) {
        $f = @{ message = "The specified virtual machine '$VMName$VMId' could not be found on any node of the cluster."; hresult = 0x80070490; errorId = 'ClusterCmdletError'; category = 'ObjectNotFound' }
        $PSCmdlet.ThrowTerminatingError((New-FerryStubError $f 'Add-ClusterVirtualMachineRole'))
    }
    $vm.IsClustered = $true
    return (New-FerryStubGroup $c $vm)
}

function Remove-ClusterGroup {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)] [System.Collections.Specialized.StringCollection] $Name, [switch] $Force, [switch] $RemoveResources, [Nullable[guid]] $VMId,
        [Parameter(ValueFromPipeline = $true)] [psobject] $InputObject, [string] $Cluster)
    Write-FerryStubCall 'Remove-ClusterGroup' $PSCmdlet.ParameterSetName $PSBoundParameters
    $c = Resolve-FerryStubCluster $PSCmdlet $Cluster
    $n = $null; if ($Name) { $n = $Name[0] }
    $vm = Find-FerryStubRoleVm $PSCmdlet $c $n $VMId
    $vm.IsClustered = $false
}

# A group's AntiAffinityClassNames set by a script: logged as a call (ClusterGroup.AntiAffinityClassNames), with its type.
[Microsoft.FailoverClusters.PowerShell.ClusterGroup]::OnSet = {
    param($Group, [string] $Property, $Value)
    Write-FerryStubCall "ClusterGroup.$Property" 'set' @{ Group = [string] $Group.Name; Value = $Value }
}

Export-ModuleMember -Function Get-Cluster, Get-ClusterNode, Get-ClusterSharedVolume, Get-ClusterGroup, Move-ClusterVirtualMachineRole, Add-ClusterVirtualMachineRole,
    Remove-ClusterGroup, Get-ClusterResource, Get-ClusterOwnerNode, Get-ClusterParameter, Set-ClusterOwnerNode
# Get-ClusterAffinityRule came with Windows Server 2022: a test can stand for an older module, without it.
if (-not $env:FERRY_STUB_NO_AFFINITY_CMDLET) {
    Export-ModuleMember -Function Get-ClusterAffinityRule, New-ClusterAffinityRule, Add-ClusterGroupToAffinityRule, Remove-ClusterGroupFromAffinityRule, Remove-ClusterAffinityRule
}
