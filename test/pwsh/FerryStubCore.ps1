# Shared by the stub modules (dot-sourced into each): the estate the test describes (JSON at
# $env:FERRY_STUB_ESTATE), the call log (JSON lines appended to $env:FERRY_STUB_CALLS), failures raised
# the way the real modules raise them, and the moves in flight. State lives in $global:FerryStub so the
# three modules share it within one PowerShell process.
if (-not ('Microsoft.HyperV.PowerShell.VirtualMachine' -as [type])) {
    # The tests compile FerryStubTypes.cs once into a DLL (stub-estate.ts) and name it here; else compile it now.
    if ($env:FERRY_STUB_TYPES_DLL -and (Test-Path -LiteralPath $env:FERRY_STUB_TYPES_DLL)) { Add-Type -Path $env:FERRY_STUB_TYPES_DLL -ErrorAction Stop }
    else { Add-Type -Path (Join-Path $PSScriptRoot 'FerryStubTypes.cs') -ErrorAction Stop }
}

function Get-FerryStubState {
    if ($null -eq $global:FerryStub) {
        $estate = Get-Content -LiteralPath $env:FERRY_STUB_ESTATE -Raw -Encoding utf8 | ConvertFrom-Json
        $vms = New-Object System.Collections.Generic.List[object]
        foreach ($v in @($estate.vms)) {
            $vm = New-Object Microsoft.HyperV.PowerShell.VirtualMachine
            $vm.Name = [string] $v.name
            $vm.Id = [guid] $v.id
            $vm.State = [Microsoft.HyperV.PowerShell.VMState] [string] $v.state
            $vm.IsClustered = [bool] $v.isClustered
            $vm.MemoryAssigned = [long] $v.memoryAssigned
            $vm.MemoryStartup = [long] $v.memoryStartup
            $vm.ProcessorCount = [long] $v.processorCount
            $vm.Version = [string] $v.version
            $vm.Generation = [int] $v.generation
            $vm.Path = [string] $v.path
            $vm.ConfigurationLocation = [string] $v.path
            $vm.ComputerName = [string] $v.host
            $vms.Add($vm)
        }
        $global:FerryStub = @{ Estate = $estate; Vms = $vms; Moves = @{}; Networks = @{} }
        foreach ($h in @($estate.hosts)) {
            $list = New-Object System.Collections.Generic.List[object]
            foreach ($n in @($h.migrationNetworks)) {
                $net = New-Object Microsoft.HyperV.PowerShell.VMMigrationNetwork
                $net.Subnet = [string] $n.Subnet; $net.Priority = [uint32] $n.Priority; $net.ComputerName = [string] $h.name
                $list.Add($net)
            }
            $global:FerryStub.Networks[[string] $h.name] = $list
        }
    }
    return $global:FerryStub
}

function ConvertTo-FerryStubValue {
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [Microsoft.HyperV.PowerShell.VirtualMachine]) { return @{ vmId = $Value.Id.ToString(); vmName = $Value.Name } }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return [bool] $Value }
    if ($Value -is [enum]) { return $Value.ToString() }
    if ($Value -is [guid]) { return $Value.ToString() }
    if ($Value -is [System.Management.Automation.ScriptBlock]) { return 'scriptblock' }
    if ($Value -is [hashtable]) {
        $copy = [ordered] @{}
        foreach ($k in $Value.Keys) { $copy[[string] $k] = ConvertTo-FerryStubValue $Value[$k] }
        return $copy
    }
    if ($Value -is [string]) { return $Value }
    if ($Value -is [System.Collections.IEnumerable]) { return ,@(foreach ($item in $Value) { ConvertTo-FerryStubValue $item }) }
    if ($Value.GetType().IsPrimitive) { return $Value }
    return [string] $Value
}

# Appends one call (cmdlet, parameter set, bound parameters with their .NET types) to the call log.
function Write-FerryStubCall {
    param([string] $Cmdlet, [string] $ParameterSet, [hashtable] $Bound)
    $params = [ordered] @{}
    $types = [ordered] @{}
    foreach ($k in $Bound.Keys) {
        $params[$k] = ConvertTo-FerryStubValue $Bound[$k]
        $types[$k] = if ($null -eq $Bound[$k]) { 'null' } else { $Bound[$k].GetType().FullName }
    }
    $line = ConvertTo-Json -InputObject ([ordered] @{ cmdlet = $Cmdlet; parameterSet = $ParameterSet; params = $params; types = $types }) -Depth 8 -Compress
    if ($env:FERRY_STUB_CALLS) { [System.IO.File]::AppendAllText($env:FERRY_STUB_CALLS, $line + "`n", (New-Object System.Text.UTF8Encoding $false)) }
}

# An HRESULT as .NET holds it (0x80070005 is a negative Int32).
function ConvertTo-FerryStubHResult {
    param($Value)
    return [System.BitConverter]::ToInt32([System.BitConverter]::GetBytes([uint32] ([int64] $Value -band 0xFFFFFFFFL)), 0)
}

# An ErrorRecord as the Hyper-V module raises it: a VirtualizationException with its HRESULT, and the
# cmdlet's FullyQualifiedErrorId.
function New-FerryStubError {
    param($Failure, [string] $Cmdlet)
    $inner = $null
    if ($Failure.inner) { $inner = New-Object System.ComponentModel.Win32Exception (ConvertTo-FerryStubHResult $Failure.inner.hresult), ([string] $Failure.inner.message) }
    $hresult = [int] 0
    if ($Failure.hresult) { $hresult = ConvertTo-FerryStubHResult $Failure.hresult }
    $exception = New-Object Microsoft.HyperV.PowerShell.VirtualizationException ([string] $Failure.message), $hresult, $inner
    $category = [System.Management.Automation.ErrorCategory]::NotSpecified
    if ($Failure.category) { $category = [System.Management.Automation.ErrorCategory] [string] $Failure.category }
    $errorId = 'OperationFailed'
    if ($Failure.errorId) { $errorId = [string] $Failure.errorId }
    return (New-Object System.Management.Automation.ErrorRecord $exception, ($errorId + ',' + $Cmdlet), $category, $null)
}

# Raises the failure the estate sets for this cmdlet (on this host, when it names one), as a terminating error.
function Assert-FerryStubNoFailure {
    param($Cmdlet, [string] $CmdletName, [string] $HostName)
    $state = Get-FerryStubState
    $failures = $state.Estate.fail
    if ($null -eq $failures) { return }
    $failure = $failures.PSObject.Properties[$CmdletName]
    if ($null -eq $failure) { return }
    $f = $failure.Value
    if ($f.host -and $HostName -and [string] $f.host -ne $HostName) { return }
    $Cmdlet.ThrowTerminatingError((New-FerryStubError $f $CmdletName))
}

# The estate's host a -ComputerName addresses (name or FQDN, any case), or the local host without one.
function Resolve-FerryStubHost {
    param($Cmdlet, [string[]] $ComputerName)
    $state = Get-FerryStubState
    $wanted = [string] $state.Estate.localHost
    if ($ComputerName -and $ComputerName.Count -gt 0) { $wanted = $ComputerName[0] }
    foreach ($h in @($state.Estate.hosts)) {
        if ([string] $h.name -eq $wanted -or [string] $h.fqdn -eq $wanted) {
            if ($h.unreachable) {
                $f = @{ message = "The operation on computer '$wanted' failed: WinRM cannot complete the operation. Verify that the specified computer name is valid."; hresult = 0x80338012; errorId = 'Unspecified'; category = 'NotSpecified' }
                $Cmdlet.ThrowTerminatingError((New-FerryStubError $f $Cmdlet.MyInvocation.MyCommand.Name))
            }
            return $h
        }
    }
    $f = @{ message = "The operation on computer '$wanted' failed: The WinRM client cannot process the request because the server name cannot be resolved."; hresult = 0x80338012; errorId = 'Unspecified'; category = 'ObjectNotFound' }
    $Cmdlet.ThrowTerminatingError((New-FerryStubError $f $Cmdlet.MyInvocation.MyCommand.Name))
}

# The VMs registered on a host.
function Get-FerryStubVms {
    param($HostRecord)
    return @((Get-FerryStubState).Vms | Where-Object { $_.ComputerName -eq [string] $HostRecord.name })
}

# Hyper-V's error for a VM that is not there (Get-VM -Name / -Id with nothing found).
function New-FerryStubVmNotFound {
    param([string] $What, [string] $HostName, [string] $Cmdlet)
    $f = @{ message = "Hyper-V was unable to find a virtual machine with $What ""$($What)""."; hresult = 0x80070490; errorId = 'InvalidParameter'; category = 'InvalidArgument' }
    $f.message = "Hyper-V was unable to find a virtual machine with $What."
    return (New-FerryStubError $f $Cmdlet)
}

# Registers a move in flight: its percents come out one per poll of Msvm_MigrationJob, then it ends as
# the estate's move says (complete, fail, or hang until stopped).
function Register-FerryStubMove {
    param($Vm, [string] $DestinationHost, $Job, [string] $Kind, [string] $Cluster, [string] $Node)
    $state = Get-FerryStubState
    $plan = $state.Estate.move
    $percents = @(10, 60, 100)
    if ($plan -and $plan.percents) { $percents = @($plan.percents | ForEach-Object { [double] $_ }) }
    $state.Moves[$Vm.Id.ToString()] = @{
        Vm = $Vm; Destination = $DestinationHost; Job = $Job; Kind = $Kind; Cluster = $Cluster; Node = $Node
        Percents = [System.Collections.Generic.Queue[double]] $percents; Percent = 0.0; Ended = $false; Failed = $null
    }
}

# One poll of a move: the next percent, or its end.
function Step-FerryStubMove {
    param($Move)
    $state = Get-FerryStubState
    $plan = $state.Estate.move
    $outcome = 'complete'
    if ($plan -and $plan.outcome) { $outcome = [string] $plan.outcome }
    if ($Move.Ended) { return }
    if ($Move.Percents.Count -gt 0) { $Move.Percent = $Move.Percents.Dequeue(); return }
    if ($outcome -eq 'hang') { return }
    $Move.Ended = $true
    if ($outcome -eq 'fail') {
        $record = New-FerryStubError $plan.failure 'Move-VM'
        $Move.Failed = [string] $plan.failure.message
        if ($Move.Job) { $Move.Job.Fail($record) }
        return
    }
    if ($Move.Kind -ne 'storage') {
        $target = $null
        foreach ($h in @($state.Estate.hosts)) { if ([string] $h.name -eq $Move.Destination -or [string] $h.fqdn -eq $Move.Destination) { $target = [string] $h.name } }
        if ($target) { $Move.Vm.ComputerName = $target }
    }
    if ($Move.Job) { $Move.Job.Complete() }
}
