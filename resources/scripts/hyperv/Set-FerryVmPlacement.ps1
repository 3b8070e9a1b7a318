# Sets a clustered VM's placement rules for Ferry's Hyper-V connector (fixed text; see FerryCommon.ps1).
# args: host (a node of the VM's cluster), vm, vmId (the VM's Virtual Machine resource is found by its VmID
# parameter, never by name), possibleOwners (node names, or null for every node), preferredOwners (node
# names, in order; empty clears them), availabilitySets (the cluster group's AntiAffinityClassNames; empty clears them).
. (Join-Path $PSScriptRoot 'FerryCommon.ps1')

$request = Read-FerryRequest
$a = $request.args
$block = {
    param($cn, $vmId, $possible, $preferred, $sets)
    $on = @{}; if ($cn) { $on.Cluster = $cn }
    $resource = Get-ClusterResource @on |
        Where-Object { $_.ResourceType.Name -eq 'Virtual Machine' -and [string] (Get-ClusterParameter -InputObject $_ -Name VmID).Value -eq [string] $vmId } |
        Select-Object -First 1
    if ($null -eq $resource) { throw "The cluster has no Virtual Machine resource for the VM with id $vmId." }
    $group = $resource.OwnerGroup
    if ($null -eq $possible) { $possible = @(Get-ClusterNode @on | ForEach-Object { [string] $_.Name }) }
    Set-ClusterOwnerNode -InputObject $resource -Owners ([string[]] @($possible)) | Out-Null
    if (@($preferred).Count -gt 0) {
        Set-ClusterOwnerNode -InputObject $group -Owners ([string[]] @($preferred)) | Out-Null
    } else {
        # Set-ClusterOwnerNode's -Owners is mandatory, and PowerShell refuses a mandatory parameter an empty list:
        # the group's SetPreferredOwners method (MSCluster_ResourceGroup, root/MSCluster) clears the list instead.
        $cim = @{}; if ($cn) { $cim.ComputerName = $cn }
        $wmiGroup = Get-CimInstance @cim -Namespace 'root/MSCluster' -ClassName 'MSCluster_ResourceGroup' |
            Where-Object { [string] $_.Name -eq [string] $group.Name } | Select-Object -First 1
        if ($null -eq $wmiGroup) { throw "The cluster has no group named $($group.Name) to clear the preferred owners of." }
        Invoke-CimMethod -InputObject $wmiGroup -MethodName 'SetPreferredOwners' -Arguments @{ NodeNames = [string[]] @() } | Out-Null
    }
    $classes = New-Object System.Collections.Specialized.StringCollection
    foreach ($name in @($sets)) { [void] $classes.Add([string] $name) }
    $group.AntiAffinityClassNames = $classes
    return [string] $group.Name
}
try {
    $possible = if ($null -eq $a.possibleOwners) { $null } else { [string[]] @($a.possibleOwners) }
    $group = Invoke-FerryBlock $request.target ([string] $a.host) $block @([string] $a.vmId, $possible, [string[]] @($a.preferredOwners), [string[]] @($a.availabilitySets))
    Write-FerryRecord @{ type = 'result'; value = @{ vm = [string] $a.vm; group = $group } }
} catch {
    Write-FerryError $_ ([string] $a.host)
} finally {
    Close-FerrySessions
}
