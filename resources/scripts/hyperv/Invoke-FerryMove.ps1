# Runs one move for Ferry's Hyper-V connector (fixed text; see FerryCommon.ps1 for the protocol).
# args: kind (live | live-vsm | storage | quick | network), vm, sourceHost, destinationHost, cluster
# (set for a move between nodes of one cluster), destinationNode, destinationStoragePath,
# virtualMachinePath, vhds [{ sourceFilePath, destinationFilePath }], performanceOption, pollSeconds.
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
    $vm = Get-VM @on -Name $a.vm
    $result = @{ vmId = $vm.Id.ToString(); state = [int] $vm.State; problems = @() }
    if ($a.kind -eq 'storage' -or $a.cluster) { return $result }
    $compare = @{ Name = $a.vm; DestinationHost = $a.destinationHost }
    if ($a.kind -ne 'live') { $compare.IncludeStorage = $true; $compare.DestinationStoragePath = $a.destinationStoragePath }
    $report = Compare-VM @on @compare
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
    switch ([string] $a.kind) {
        'storage' {
            $move = @{ VMName = $a.vm; AsJob = $true }
            if ($a.destinationStoragePath) { $move.DestinationStoragePath = $a.destinationStoragePath }
            else {
                if ($a.virtualMachinePath) { $move.VirtualMachinePath = $a.virtualMachinePath }
                $move.Vhds = @($a.vhds | ForEach-Object { @{ SourceFilePath = [string] $_.sourceFilePath; DestinationFilePath = [string] $_.destinationFilePath } })
            }
            $global:FerryMoveJob = Move-VMStorage @on @move
        }
        default {
            if ($a.cluster) {
                $type = 'Live'; if ($a.kind -eq 'quick') { $type = 'Quick' }
                Move-ClusterVirtualMachineRole -Cluster $a.cluster -Name $a.vm -Node $a.destinationNode -MigrationType $type -Wait 0 | Out-Null
            } else {
                $move = @{ Name = $a.vm; DestinationHost = $a.destinationHost; AsJob = $true }
                if ($a.kind -ne 'live') { $move.IncludeStorage = $true; $move.DestinationStoragePath = $a.destinationStoragePath }
                $global:FerryMoveJob = Move-VM @on @move
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
        $group = Get-ClusterGroup -Cluster $a.cluster -Name $a.vm
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
    elseif ($a.cluster) { Move-ClusterVirtualMachineRole -Cluster $a.cluster -Name $a.vm -Cancel -ErrorAction SilentlyContinue | Out-Null }
    Get-CimInstance @cim -Namespace 'root\virtualization\v2' -ClassName 'Msvm_MigrationJob' |
        Where-Object { $_.VirtualSystemName -eq $vmId } |
        ForEach-Object { Invoke-CimMethod -InputObject $_ -MethodName 'RequestStateChange' -Arguments @{ RequestedState = [uint16] 4 } -ErrorAction SilentlyContinue | Out-Null }
}

# Whether the VM is registered (and its state) on the computer the block runs for.
$whereBlock = {
    param($cn, $a)
    $on = @{}; if ($cn) { $on.ComputerName = $cn }
    $vm = Get-VM @on -Name $a.vm -ErrorAction SilentlyContinue
    if ($null -eq $vm) { return @{ present = $false; state = $null } }
    return @{ present = $true; state = [int] $vm.State }
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
            if ($where.present) { Write-FerryRecord @{ type = 'canceled'; vmHost = $source } }
            else { Write-FerryRecord @{ type = 'result'; value = @{ vmHost = [string] $a.destinationHost; seconds = ((Get-Date) - $started).TotalSeconds; info = 'The move had already finished when the cancel reached the host.' } } }
            break
        }
        $poll = Invoke-FerryBlock $target $source $pollBlock @($a, $check.vmId)
        if ($poll.state -eq 'Completed') {
            Write-FerryProgress 'switch-over' 100
            Write-FerryProgress 'clean-up' 0
            $vmHost = [string] $a.destinationHost; if ($a.kind -eq 'storage') { $vmHost = $source }
            Write-FerryRecord @{ type = 'result'; value = @{ vmHost = $vmHost; seconds = ((Get-Date) - $started).TotalSeconds; info = $info } }
            break
        }
        if ($poll.state -in 'Failed', 'Stopped') {
            $where = Invoke-FerryBlock $target $source $whereBlock @($a)
            $vmHost = $source; if (-not $where.present) { $vmHost = [string] $a.destinationHost }
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
