# Runs one move for Ferry's Hyper-V connector (fixed text; see FerryCommon.ps1 for the protocol).
# args: kind (live | live-vsm | storage | quick | network), vm, vmId, sourceHost, destinationHost, cluster
# (set for a highly available VM moving between nodes of its cluster: the cluster moves its role, with
# Move-ClusterVirtualMachineRole -MigrationType migrationType; when its storage moves too, Move-VMStorage
# moves it first on the source node, as Failover Cluster Manager does, and storageShare is the share of the
# progress that storage takes), destinationNode, sourceCluster and destinationCluster (set when a highly
# available VM leaves its cluster: its role is removed there first and added on the destination's cluster
# once it has arrived), destinationStoragePath, virtualMachinePath, vhds [{ sourceFilePath,
# destinationFilePath }], performanceOption, pollSeconds.
# The VM is always addressed by its id (Get-VM -Id, then -VM): Hyper-V's -Name takes wildcards.
# Records: progress (validate, transfer with the migration job's PercentComplete, switch-over,
# clean-up), then result { vmHost, seconds, info } | error | canceled { vmHost }.
. (Join-Path $PSScriptRoot 'FerryCommon.ps1')

$request = Read-FerryRequest
$target = $request.target
$a = $request.args
$source = [string] $a.sourceHost

# Checks the move as Hyper-V would (Compare-VM), and answers the incompatibilities' message ids and text.
$validateBlock = {
    param($cn, $a)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    $vm = Get-VM @on -Id ([guid] $a.vmId)
    $result = @{ vmId = $vm.Id.ToString(); state = [int] $vm.State; problems = @() }
    # Between nodes of its cluster the cluster checks the move itself. A VM leaving its cluster is compared
    # here, before its role is removed: Compare-VM only reads (its documented parameter sets take any VM), so
    # an incompatibility stops the move while the VM is still highly available.
    if ($a.kind -eq 'storage' -or $a.cluster) { return $result }
    # -IncludeStorage:$false on a live move picks the VMSingleDestination parameter set: with -VM and
    # -DestinationHost alone the documented signature leaves VMSingleDestination and VMMultipleDestinations
    # both open, which PowerShell refuses as ambiguous.
    $compare = @{ VM = $vm; DestinationHost = [string] $a.destinationHost; IncludeStorage = $false }
    if ($a.kind -ne 'live') {
        $compare.Remove('IncludeStorage')
        if (@($a.vhds).Count -gt 0) {
            $compare.VirtualMachinePath = [string] $a.virtualMachinePath
            $compare.Vhds = [hashtable[]] @($a.vhds | ForEach-Object { @{ SourceFilePath = [string] $_.sourceFilePath; DestinationFilePath = [string] $_.destinationFilePath } })
        } else { $compare.IncludeStorage = $true; $compare.DestinationStoragePath = [string] $a.destinationStoragePath }
    }
    $report = Compare-VM @compare
    $result.problems = @($report.Incompatibilities | ForEach-Object { @{ messageId = [int] $_.MessageId; message = [string] $_.Message } })
    return $result
}

# Sets the source host's performance option for this move when the wizard overrode it; answers the old one.
$performanceBlock = {
    param($cn, $option)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    $before = [string] (Get-VMHost @on).VirtualMachineMigrationPerformanceOption
    if ($option -and $option -ne $before) { Set-VMHost @on -VirtualMachineMigrationPerformanceOption $option }
    return $before
}

# Starts the move as a job (kept in the session, or here, as $global:FerryMoveJob).
$startBlock = {
    param($cn, $a)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    $global:FerryMoveJob = $null
    $global:FerryRolePending = $false
    $vmId = [guid] $a.vmId
    # The cluster moves a clustered VM between its nodes (Move-VM refuses one); kept as a global so the poll
    # can start it once the storage has moved.
    $global:FerryRoleMove = {
        param($a)
        $type = 'Quick'; if ($a.kind -in 'live', 'live-vsm') { $type = 'Live' }
        Move-ClusterVirtualMachineRole -Cluster ([string] $a.cluster) -VMId ([guid] $a.vmId) -Node ([string] $a.destinationNode) -MigrationType $type -Wait 0 | Out-Null
    }
    $vhds = [hashtable[]] @($a.vhds | Where-Object { $_ } | ForEach-Object { @{ SourceFilePath = [string] $_.sourceFilePath; DestinationFilePath = [string] $_.destinationFilePath } })
    switch ([string] $a.kind) {
        'storage' {
            $move = @{ VM = (Get-VM @on -Id $vmId); AsJob = $true }
            if ($a.destinationStoragePath) { $move.DestinationStoragePath = [string] $a.destinationStoragePath }
            else {
                if ($a.virtualMachinePath) { $move.VirtualMachinePath = [string] $a.virtualMachinePath }
                $move.Vhds = $vhds
            }
            $global:FerryMoveJob = Move-VMStorage @move
        }
        default {
            if ($a.cluster -and ($a.destinationStoragePath -or $vhds.Count -gt 0)) {
                # Storage first, on the source node (Failover Cluster Manager's Move > Virtual Machine Storage),
                # then the role: the poll starts it once Move-VMStorage has completed.
                $move = @{ VM = (Get-VM @on -Id $vmId); AsJob = $true }
                if ($vhds.Count -gt 0) {
                    if ($a.virtualMachinePath) { $move.VirtualMachinePath = [string] $a.virtualMachinePath }
                    $move.Vhds = $vhds
                } else { $move.DestinationStoragePath = [string] $a.destinationStoragePath }
                $global:FerryMoveJob = Move-VMStorage @move
                $global:FerryRolePending = $true
            } elseif ($a.cluster) {
                & $global:FerryRoleMove $a
            } else {
                # Move-VM refuses a clustered VM: its role leaves the source cluster first (the files stay).
                if ($a.sourceCluster) { Remove-ClusterGroup -Cluster ([string] $a.sourceCluster) -VMId $vmId -RemoveResources -Force | Out-Null }
                # -IncludeStorage:$false: see $validateBlock (it settles the parameter set of a live move).
                $move = @{ VM = (Get-VM @on -Id $vmId); DestinationHost = [string] $a.destinationHost; AsJob = $true; IncludeStorage = $false }
                if ($a.kind -ne 'live') {
                    $move.Remove('IncludeStorage')
                    # -IncludeStorage belongs to Move-VM's single-destination sets only; VHDs placed one by one
                    # take -VirtualMachinePath and -Vhds instead.
                    if ($vhds.Count -gt 0) { $move.VirtualMachinePath = [string] $a.virtualMachinePath; $move.Vhds = $vhds }
                    else { $move.IncludeStorage = $true; $move.DestinationStoragePath = [string] $a.destinationStoragePath }
                }
                $global:FerryMoveJob = Move-VM @move
            }
        }
    }
}

# Where the move stands: the PowerShell job's state (or the cluster group's owner), and the host's
# migration job (Msvm_MigrationJob) PercentComplete.
$pollBlock = {
    param($cn, $a, $vmId)
    $cim = @{}; if ($cn) { $cim.ComputerName = $cn }
    $state = 'Running'; $failure = $null; $owner = $null
    $migration = Get-CimInstance @cim -Namespace 'root\virtualization\v2' -ClassName 'Msvm_MigrationJob' |
        Where-Object { $_.VirtualSystemName -eq $vmId } | Select-Object -First 1
    $percent = $null
    if ($migration) { $percent = [double] $migration.PercentComplete }
    # A clustered VM whose storage moves first: storage takes storageShare of the transfer, the role the rest.
    $share = $null; if ($a.cluster -and $null -ne $a.storageShare) { $share = [double] $a.storageShare }
    if ($global:FerryMoveJob -and $global:FerryRolePending) {
        $job = $global:FerryMoveJob
        $state = [string] $job.State
        if ($null -ne $percent) { $percent = $percent * $share / 100 }
        if ($state -eq 'Completed') {
            Remove-Job -Job $job -Force -ErrorAction SilentlyContinue
            $global:FerryMoveJob = $null; $global:FerryRolePending = $false
            & $global:FerryRoleMove $a
            return @{ state = 'Running'; percent = $share; failure = $null; owner = $null }
        }
        if ($state -ne 'Failed') { return @{ state = 'Running'; percent = $percent; failure = $null; owner = $null } }
    }
    if ($global:FerryMoveJob) {
        $job = $global:FerryMoveJob
        $state = [string] $job.State
        if ($null -eq $percent) {
            $progress = @($job.ChildJobs | ForEach-Object { $_.Progress } | Where-Object { $_.PercentComplete -ge 0 })
            if ($progress.Count -gt 0) { $percent = [double] $progress[-1].PercentComplete }
        }
        if ($state -eq 'Failed') {
            $reason = $job.ChildJobs | ForEach-Object { $_.JobStateInfo.Reason } | Where-Object { $_ } | Select-Object -First 1
            $errors = @($job.ChildJobs | ForEach-Object { $_.Error } | Where-Object { $_ })
            $text = New-Object System.Collections.Generic.List[string]
            if ($reason) { $text.Add($reason.Message) }
            foreach ($e in $errors) { $text.Add($e.Exception.Message) }
            $failure = ($text -join ' ')
        }
    } else {
        if ($null -ne $share -and $null -ne $percent) { $percent = $share + $percent * (100 - $share) / 100 }
        $group = Get-ClusterGroup -Cluster ([string] $a.cluster) -VMId ([guid] $vmId)
        $owner = [string] $group.OwnerNode.Name
        if ($owner -eq $a.destinationNode -and [string] $group.State -eq 'Online') { $state = 'Completed' }
        elseif ($migration -and [int] $migration.JobState -in 8, 9, 10) { $state = 'Failed'; $failure = [string] $migration.ErrorDescription }
    }
    return @{ state = $state; percent = $percent; failure = $failure; owner = $owner }
}

# Stops the move: the PowerShell job, the cluster move, and the host's migration job.
$cancelBlock = {
    param($cn, $a, $vmId)
    $cim = @{}; if ($cn) { $cim.ComputerName = $cn }
    if ($global:FerryMoveJob) { Stop-Job -Job $global:FerryMoveJob -ErrorAction SilentlyContinue }
    elseif ($a.cluster) { Move-ClusterVirtualMachineRole -Cluster ([string] $a.cluster) -VMId ([guid] $vmId) -Cancel -ErrorAction SilentlyContinue | Out-Null }
    Get-CimInstance @cim -Namespace 'root\virtualization\v2' -ClassName 'Msvm_MigrationJob' |
        Where-Object { $_.VirtualSystemName -eq $vmId } |
        ForEach-Object { Invoke-CimMethod -InputObject $_ -MethodName 'RequestStateChange' -Arguments @{ RequestedState = [uint16] 4 } -ErrorAction SilentlyContinue | Out-Null }
}

# Whether the VM is registered (and its state) on the computer the block runs for.
$whereBlock = {
    param($cn, $a)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    $vm = Get-VM @on -Id ([guid] $a.vmId) -ErrorAction SilentlyContinue
    if ($null -eq $vm) { return @{ present = $false; state = $null } }
    return @{ present = $true; state = [int] $vm.State }
}

# Makes the VM a role of a cluster again (the destination's once it has arrived; the source's when it stayed).
$roleBlock = {
    param($cn, $cluster, $vmId)
    Add-ClusterVirtualMachineRole -Cluster $cluster -VMId $vmId | Out-Null
}

# The cluster the VM should be a role of after the move ended with it on $vmHost, or $null.
function Get-FerryRoleCluster {
    param($a, [bool] $Arrived)
    if (-not $a.sourceCluster) { return $null }
    if ($Arrived) { return $a.destinationCluster }
    return $a.sourceCluster
}

$finishBlock = {
    param($cn, $option)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    if ($global:FerryMoveJob) { Remove-Job -Job $global:FerryMoveJob -Force -ErrorAction SilentlyContinue; $global:FerryMoveJob = $null }
    if ($option) { Set-VMHost @on -VirtualMachineMigrationPerformanceOption $option }
}

$started = Get-Date
$restoreOption = $null
$info = $null
$infoCode = $null
try {
    Write-FerryProgress 'validate' 0
    $check = Invoke-FerryBlock $target $source $validateBlock @($a)
    if (@($check.problems).Count -gt 0) {
        $text = (@($check.problems) | ForEach-Object { $_.message }) -join ' '
        Write-FerryRecord @{ type = 'error'; message = $text; hresults = @(); errorId = 'Compare-VM'; category = 'InvalidOperation'; vmHost = $source; messageIds = @(@($check.problems) | ForEach-Object { $_.messageId }) }
        exit 0
    }
    if ($a.performanceOption) {
        $before = Invoke-FerryBlock $target $source $performanceBlock @([string] $a.performanceOption)
        if ($before -ne [string] $a.performanceOption) {
            $restoreOption = $before
            $info = "The live migration performance option of $source was $before; it was set to $($a.performanceOption) for this move and set back afterwards."
            $infoCode = 'option-restored'
        }
    }
    Invoke-FerryBlock $target $source $startBlock @($a) | Out-Null
    Write-FerryProgress 'transfer' 0
    $interval = 2; if ($a.pollSeconds) { $interval = [double] $a.pollSeconds }
    while ($true) {
        if (Test-FerryCancel) {
            Invoke-FerryBlock $target $source $cancelBlock @($a, $check.vmId) | Out-Null
            Start-Sleep -Seconds 2
            $where = Invoke-FerryBlock $target $source $whereBlock @($a)
            $role = Get-FerryRoleCluster $a (-not $where.present)
            if ($role) { Invoke-FerryBlock $target $source $roleBlock @([string] $role, [guid] $a.vmId) | Out-Null }
            if ($where.present) { Write-FerryRecord @{ type = 'canceled'; vmHost = $source } }
            else { Write-FerryRecord @{ type = 'result'; value = @{ vmHost = [string] $a.destinationHost; seconds = ((Get-Date) - $started).TotalSeconds; info = 'The move had already finished when the cancel reached the host.'; infoCode = 'finished-before-cancel' } } }
            break
        }
        $poll = Invoke-FerryBlock $target $source $pollBlock @($a, $check.vmId)
        if ($poll.state -eq 'Completed') {
            Write-FerryProgress 'switch-over' 100
            Write-FerryProgress 'clean-up' 0
            $vmHost = [string] $a.destinationHost; if ($a.kind -eq 'storage') { $vmHost = $source }
            $role = Get-FerryRoleCluster $a $true
            if ($role) { Invoke-FerryBlock $target $source $roleBlock @([string] $role, [guid] $a.vmId) | Out-Null }
            Write-FerryRecord @{ type = 'result'; value = @{ vmHost = $vmHost; seconds = ((Get-Date) - $started).TotalSeconds; info = $info; infoCode = $infoCode; optionBefore = $restoreOption } }
            break
        }
        if ($poll.state -in 'Failed', 'Stopped') {
            $where = Invoke-FerryBlock $target $source $whereBlock @($a)
            $vmHost = $source; if (-not $where.present) { $vmHost = [string] $a.destinationHost }
            $role = Get-FerryRoleCluster $a (-not $where.present)
            if ($role) { try { Invoke-FerryBlock $target $source $roleBlock @([string] $role, [guid] $a.vmId) | Out-Null } catch { } }
            Write-FerryRecord @{ type = 'error'; message = [string] $poll.failure; hresults = @(); errorId = 'MoveJobFailed'; category = 'OperationStopped'; vmHost = $vmHost; messageIds = @() }
            break
        }
        if ($null -ne $poll.percent) {
            if ($poll.percent -ge 100) { Write-FerryProgress 'switch-over' 0 } else { Write-FerryProgress 'transfer' $poll.percent }
        }
        Start-Sleep -Seconds $interval
    }
} catch {
    Write-FerryError $_ $source
} finally {
    try { Invoke-FerryBlock $target $source $finishBlock @($restoreOption) | Out-Null } catch { }
    Close-FerrySessions
}
