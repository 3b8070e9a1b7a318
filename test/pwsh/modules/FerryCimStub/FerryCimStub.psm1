# A stand-in for the CIM cmdlets Ferry calls (Get-CimInstance, Invoke-CimMethod), for Ferry's tests:
# Msvm_MigrationJob for the moves in flight, the Win32/MSFT classes the inventory read asks for, and a
# cluster's MSCluster_ResourceGroup (SetPreferredOwners), from the test's estate. First on PSModulePath, so it wins over CimCmdlets. Every call is logged.
. (Join-Path (Join-Path $PSScriptRoot '..') (Join-Path '..' 'FerryStubCore.ps1'))

function Get-CimInstance {
    [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet')]
    param(
        [Parameter(ParameterSetName = 'ClassNameComputerSet', Mandatory = $true, Position = 0)] [string] $ClassName,
        [Parameter(ParameterSetName = 'QueryComputerSet', Mandatory = $true)] [string] $Query,
        [string] $Namespace,
        [string] $Filter,
        [string[]] $Property,
        [Alias('CN', 'ServerName')] [string[]] $ComputerName,
        [uint32] $OperationTimeoutSec,
        [switch] $Shallow,
        [switch] $KeyOnly
    )
    Write-FerryStubCall 'Get-CimInstance' $PSCmdlet.ParameterSetName $PSBoundParameters
    $h = Resolve-FerryStubHost $PSCmdlet $ComputerName
    Assert-FerryStubNoFailure $PSCmdlet 'Get-CimInstance' ([string] $h.name)
    switch ($ClassName) {
        'Msvm_MigrationJob' {
            foreach ($move in @((Get-FerryStubState).Moves.Values)) {
                if ($move.Ended) { continue }
                Step-FerryStubMove $move
                # JobState: 4 Running, 7 Completed, 10 Exception (CIM_ConcreteJob).
                $jobState = 4; if ($move.Failed) { $jobState = 10 } elseif ($move.Ended) { $jobState = 7 }
                [pscustomobject] @{ PSTypeName = 'Microsoft.Management.Infrastructure.CimInstance#root/virtualization/v2/Msvm_MigrationJob'
                    VirtualSystemName = $move.Vm.Id.ToString().ToUpperInvariant(); PercentComplete = [uint16] $move.Percent; JobState = [uint16] $jobState
                    ErrorDescription = [string] $move.Failed; InstanceID = 'Microsoft:' + $move.Vm.Id.ToString() }
                if ($move.Ended -and -not $move.Failed -and $move.Kind -eq 'cluster') { $move.Vm.ComputerName = $move.Node }
            }
        }
        'Win32_OperatingSystem' { [pscustomobject] $h.os }
        'Win32_Processor' { foreach ($p in @($h.processors)) { [pscustomobject] $p } }
        'Win32_Volume' { foreach ($v in @($h.volumes)) { if ($null -ne $v) { [pscustomobject] $v } } }
        'MSFT_NetAdapter' { foreach ($v in @($h.netAdapters)) { if ($null -ne $v) { [pscustomobject] $v } } }
        'MSFT_NetAdapterRdmaSettingData' { foreach ($v in @($h.rdma)) { if ($null -ne $v) { [pscustomobject] $v } } }
        'MSFT_SmbConnection' { foreach ($v in @($h.smbConnections)) { if ($null -ne $v) { [pscustomobject] $v } } }
        # A cluster's groups, as the node addressed sees them (a VM's group is named after the VM).
        'MSCluster_ResourceGroup' {
            $nodes = @(foreach ($c in @((Get-FerryStubState).Estate.clusters)) { if ($null -ne $c -and [string] $c.name -eq [string] $h.cluster) { $c.nodes | ForEach-Object { [string] $_.name } } })
            foreach ($vm in @((Get-FerryStubState).Vms | Where-Object { $nodes -contains $_.ComputerName -and $_.IsClustered })) {
                $record = @((Get-FerryStubState).Estate.vms | Where-Object { [string] $_.id -eq $vm.Id.ToString() })[0]
                $role = $vm.Name; if ($record -and $record.PSObject.Properties['roleName']) { $role = [string] $record.roleName }
                $o = [pscustomobject] @{ PSTypeName = 'Microsoft.Management.Infrastructure.CimInstance#root/MSCluster/MSCluster_ResourceGroup'; Name = $role; FerryStubVmId = $vm.Id.ToString() }
                Add-Member -InputObject $o -MemberType ScriptMethod -Name ToString -Value { [string] $this.Name } -Force
                $o
            }
        }
        default { }
    }
}

function Invoke-CimMethod {
    [CmdletBinding(DefaultParameterSetName = 'CimInstanceComputerSet')]
    param(
        [Parameter(ParameterSetName = 'CimInstanceComputerSet', Mandatory = $true, ValueFromPipeline = $true)] [Alias('CimInstance')] [psobject] $InputObject,
        [Parameter(Mandatory = $true, Position = 2)] [Alias('Name')] [string] $MethodName,
        [Parameter(Position = 1)] [System.Collections.IDictionary] $Arguments,
        [string[]] $ComputerName,
        [uint32] $OperationTimeoutSec
    )
    process {
        Write-FerryStubCall 'Invoke-CimMethod' $PSCmdlet.ParameterSetName $PSBoundParameters
        if ($MethodName -eq 'RequestStateChange') {
            foreach ($move in @((Get-FerryStubState).Moves.Values)) {
                if ($move.Vm.Id.ToString().ToUpperInvariant() -eq [string] $InputObject.VirtualSystemName) { $move.Ended = $true }
            }
        }
        if ($MethodName -eq 'SetPreferredOwners' -and $InputObject.PSObject.Properties['FerryStubVmId']) {
            Assert-FerryStubNoFailure $PSCmdlet 'Invoke-CimMethod' ''
            $record = @((Get-FerryStubState).Estate.vms | Where-Object { [string] $_.id -eq [string] $InputObject.FerryStubVmId })[0]
            if ($record) { $record | Add-Member -NotePropertyName preferredOwners -NotePropertyValue ([string[]] @($Arguments['NodeNames'])) -Force }
        }
        [pscustomobject] @{ ReturnValue = [uint32] 0 }
    }
}

Export-ModuleMember -Function Get-CimInstance, Invoke-CimMethod
