# Sets or removes one of a cluster's affinity rules for Ferry's Hyper-V connector (fixed text; see FerryCommon.ps1).
# Windows Server 2022 affinity rules (cluster functional level 11 and later): New-ClusterAffinityRule,
# Add-ClusterGroupToAffinityRule, Remove-ClusterGroupFromAffinityRule, Remove-ClusterAffinityRule.
# args: host (a node of the cluster), remove (the rule names to take off the cluster, if there), rule (null, or
# name, ruleType SameNode|DifferentNode and vmIds: each VM's cluster group is found by its Virtual Machine
# resource's VmID parameter, never by name). A rule whose name is in remove and equals rule.name with the same
# type is changed in place (groups added and removed); otherwise it is removed and created again.
. (Join-Path $PSScriptRoot 'FerryCommon.ps1')

$request = Read-FerryRequest
$a = $request.args
$block = {
    param($cn, $remove, $name, $ruleType, $vmIds)
    $on = @{}; if ($cn) { $on.Cluster = $cn }
    $cim = @{}; if ($cn) { $cim.CimSession = $cn }
    $named = @{}; if ($cn) { $named.Name = $cn }
    $level = [int] (Get-Cluster @named).ClusterFunctionalLevel
    if ($level -lt 11) { return @{ refused = 'functional-level'; level = $level } }
    $existing = @(Get-ClusterAffinityRule @cim)
    $groups = @()
    if ($name) {
        $resources = @(Get-ClusterResource @on | Where-Object { $_.ResourceType.Name -eq 'Virtual Machine' })
        foreach ($id in @($vmIds)) {
            $resource = $resources | Where-Object { [string] (Get-ClusterParameter -InputObject $_ -Name VmID).Value -eq [string] $id } | Select-Object -First 1
            if ($null -eq $resource) { throw "The cluster has no Virtual Machine resource for the VM with id $id." }
            $groups += [string] $resource.OwnerGroup.Name
        }
    }
    $kept = $null
    foreach ($old in @($remove)) {
        $found = $existing | Where-Object { [string] $_.Name -eq [string] $old } | Select-Object -First 1
        if ($null -eq $found) { continue }
        $sameType = ($ruleType -eq 'SameNode' -and [int] $found.RuleType -eq 2) -or ($ruleType -eq 'DifferentNode' -and [int] $found.RuleType -eq 4)
        if ($name -and [string] $found.Name -eq [string] $name -and $sameType) { $kept = $found; continue }
        Remove-ClusterAffinityRule @cim -Name ([string] $found.Name) -Confirm:$false | Out-Null
    }
    if (-not $name) { return @{ groups = @() } }
    if ($null -eq $kept) {
        New-ClusterAffinityRule @cim -Name ([string] $name) -RuleType $ruleType | Out-Null
        Add-ClusterGroupToAffinityRule @cim -Name ([string] $name) -Groups ([string[]] $groups) | Out-Null
    } else {
        $had = @($kept.Groups | ForEach-Object { [string] $_ })
        $add = @($groups | Where-Object { $had -notcontains $_ })
        $drop = @($had | Where-Object { $groups -notcontains $_ })
        if ($add.Count -gt 0) { Add-ClusterGroupToAffinityRule @cim -Name ([string] $name) -Groups ([string[]] $add) | Out-Null }
        if ($drop.Count -gt 0) { Remove-ClusterGroupFromAffinityRule @cim -Name ([string] $name) -Groups ([string[]] $drop) | Out-Null }
    }
    return @{ groups = [string[]] $groups }
}
try {
    $rule = $a.rule
    $name = $null; $ruleType = $null; $vmIds = @()
    if ($null -ne $rule) { $name = [string] $rule.name; $ruleType = [string] $rule.ruleType; $vmIds = [string[]] @($rule.vmIds) }
    $value = Invoke-FerryBlock $request.target ([string] $a.host) $block @([string[]] @($a.remove), $name, $ruleType, $vmIds)
    Write-FerryRecord @{ type = 'result'; value = $value }
} catch {
    Write-FerryError $_ ([string] $a.host)
} finally {
    Close-FerrySessions
}
