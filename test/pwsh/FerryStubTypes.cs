// Types the stub modules expose under the real modules' names, so parameter binding, casts and
// ConvertTo-Json behave as on Windows (enums are numbers in ConvertTo-Json, names in strings).
using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace Microsoft.HyperV.PowerShell
{
    public enum VMState { Other = 1, Running = 2, Off = 3, Stopping = 4, Saved = 6, Paused = 9, Starting = 10, Reset = 11, Saving = 32773, Pausing = 32776, Resuming = 32777, FastSaved = 32779, FastSaving = 32780 }
    public enum VMMigrationPerformance { TCPIP = 0, Compression = 1, SMB = 2 }
    public enum MigrationAuthenticationType { CredSSP = 0, Kerberos = 1 }
    public enum ControllerType { IDE = 0, SCSI = 1 }
    public enum VhdFormat { Unknown = 0, VHD = 2, VHDX = 3, VHDSet = 4 }
    public enum VhdType { Unknown = 0, Fixed = 2, Dynamic = 3, Differencing = 4 }

    public class VirtualMachine
    {
        public string Name { get; set; }
        public Guid Id { get; set; }
        public Guid VMId { get { return Id; } }
        public string VMName { get { return Name; } }
        public VMState State { get; set; }
        public bool IsClustered { get; set; }
        public long MemoryAssigned { get; set; }
        public long MemoryStartup { get; set; }
        public long ProcessorCount { get; set; }
        public string Version { get; set; }
        public int Generation { get; set; }
        public string Path { get; set; }
        public string ConfigurationLocation { get; set; }
        public string ComputerName { get; set; }
        public override string ToString() { return "VirtualMachine (Name = '" + Name + "') [Id = '" + Id + "']"; }
    }
    public class VMHost
    {
        public string Name { get; set; }
        public string ComputerName { get { return Name; } }
        public string FullyQualifiedDomainName { get; set; }
        public long LogicalProcessorCount { get; set; }
        public long MemoryCapacity { get; set; }
        public bool VirtualMachineMigrationEnabled { get; set; }
        public uint MaximumVirtualMachineMigrations { get; set; }
        public uint MaximumStorageMigrations { get; set; }
        public VMMigrationPerformance VirtualMachineMigrationPerformanceOption { get; set; }
        public MigrationAuthenticationType VirtualMachineMigrationAuthenticationType { get; set; }
        public bool UseAnyNetworkForMigration { get; set; }
        public string VirtualHardDiskPath { get; set; }
        public string VirtualMachinePath { get; set; }
        public string[] SupportedVmVersions { get; set; }
    }
    public class VMMigrationNetwork
    {
        public string Subnet { get; set; }
        public uint Priority { get; set; }
        public string ComputerName { get; set; }
    }
    public class HardDiskDrive
    {
        public string VMName { get; set; }
        public Guid VMId { get; set; }
        public ControllerType ControllerType { get; set; }
        public int ControllerNumber { get; set; }
        public int ControllerLocation { get; set; }
        public string Path { get; set; }
        public bool SupportPersistentReservations { get; set; }
        public string ComputerName { get; set; }
    }
    public class VMProcessor
    {
        public string VMName { get; set; }
        public Guid VMId { get; set; }
        public bool CompatibilityForMigrationEnabled { get; set; }
    }
    public class VHD
    {
        public string Path { get; set; }
        public VhdFormat VhdFormat { get; set; }
        public VhdType VhdType { get; set; }
        public ulong Size { get; set; }
        public ulong FileSize { get; set; }
        public string ComputerName { get; set; }
    }
    public class VMCompatibilityError
    {
        public string Message { get; set; }
        public long MessageId { get; set; }
        public object Source { get; set; }
    }
    public class VMCompatibilityReport
    {
        public VirtualMachine VM { get; set; }
        public string Destination { get; set; }
        public VMCompatibilityError[] Incompatibilities { get; set; }
    }
    /// Hyper-V's own exception type for a failed operation (Microsoft.HyperV.PowerShell.VirtualizationException).
    public class VirtualizationException : Exception
    {
        public VirtualizationException(string message, int hresult, Exception inner) : base(message, inner) { HResult = hresult; }
    }
}

namespace Microsoft.FailoverClusters.PowerShell
{
    public enum ClusterNodeState { Unknown = -1, Up = 0, Down = 1, Paused = 2, Joining = 3 }
    public enum ClusterGroupState { Unknown = -1, Online = 0, Offline = 1, Failed = 2, PartialOnline = 3, Pending = 4 }
    // The docs name the -MigrationType values (TurnOff, Shutdown, ShutdownForce, Quick, Live) but not the enum's
    // full type name; this name is the stub's.
    public enum VmMigrationType { TurnOff = 0, Shutdown = 1, ShutdownForce = 2, Quick = 3, Live = 4 }
    public class Cluster
    {
        public string Name { get; set; }
        public string Domain { get; set; }
        public uint ClusterFunctionalLevel { get; set; }
        public uint MaximumParallelMigrations { get; set; }
        public override string ToString() { return Name; }
    }
    public class ClusterNode
    {
        public string Name { get; set; }
        public ClusterNodeState State { get; set; }
        public int NodeHighestVersion { get; set; }
        public string Cluster { get; set; }
        public override string ToString() { return Name; }
    }
    public class ClusterGroup
    {
        public string Name { get; set; }
        public ClusterNode OwnerNode { get; set; }
        public ClusterGroupState State { get; set; }
        public string Cluster { get; set; }
        // Settable as on Windows (a StringCollection); each set is reported to OnSet, which the stub module
        // points at its call log.
        public static Action<ClusterGroup, string, object> OnSet;
        private System.Collections.Specialized.StringCollection antiAffinityClassNames = new System.Collections.Specialized.StringCollection();
        public System.Collections.Specialized.StringCollection AntiAffinityClassNames
        {
            get { return antiAffinityClassNames; }
            set { antiAffinityClassNames = value; if (OnSet != null) OnSet(this, "AntiAffinityClassNames", value); }
        }
        public override string ToString() { return Name; }
    }
    public class ClusterResourceType
    {
        public string Name { get; set; }
        public override string ToString() { return Name; }
    }
    public class ClusterResource
    {
        public string Name { get; set; }
        public ClusterResourceType ResourceType { get; set; }
        public ClusterGroup OwnerGroup { get; set; }
        public string Cluster { get; set; }
        public override string ToString() { return Name; }
    }
    // What Get-ClusterParameter answers: one private property of a cluster object (a VM resource's VmID...).
    public class ClusterParameter
    {
        public object ClusterObject { get; set; }
        public string Name { get; set; }
        public bool IsReadOnly { get; set; }
        public object Value { get; set; }
    }
    // What Get-ClusterOwnerNode answers: the resource's possible owners, or the group's preferred owners, in order.
    public class ClusterOwnerNodes
    {
        public object ClusterObject { get; set; }
        public ClusterNode[] OwnerNodes { get; set; }
    }
    public class ClusterPartition
    {
        public ulong Size { get; set; }
        public ulong FreeSpace { get; set; }
    }
    public class ClusterSharedVolumeInfo
    {
        public string FriendlyVolumeName { get; set; }
        public ClusterPartition Partition { get; set; }
    }
    public class ClusterSharedVolume
    {
        public string Name { get; set; }
        public ClusterSharedVolumeInfo[] SharedVolumeInfo { get; set; }
        public override string ToString() { return Name; }
    }
}

namespace FerryStub
{
    /// A move started with -AsJob: a real PowerShell job whose end the stub's migration job decides.
    public class MoveJob : Job
    {
        public MoveJob(string command, string name) : base(command, name)
        {
            var child = new ChildMoveJob(command);
            ChildJobs.Add(child);
            SetJobState(JobState.Running);
        }
        public override string StatusMessage { get { return ""; } }
        public override bool HasMoreData { get { return false; } }
        public override string Location { get { return "localhost"; } }
        public override void StopJob()
        {
            ((ChildMoveJob)ChildJobs[0]).End(JobState.Stopped, null);
            SetJobState(JobState.Stopped);
        }
        public void Complete()
        {
            ((ChildMoveJob)ChildJobs[0]).End(JobState.Completed, null);
            SetJobState(JobState.Completed);
        }
        public void Fail(ErrorRecord error)
        {
            ((ChildMoveJob)ChildJobs[0]).End(JobState.Failed, error);
            SetJobState(JobState.Failed);
        }
    }
    public class ChildMoveJob : Job
    {
        public ChildMoveJob(string command) : base(command) { SetJobState(JobState.Running); }
        public override string StatusMessage { get { return ""; } }
        public override bool HasMoreData { get { return false; } }
        public override string Location { get { return "localhost"; } }
        public override void StopJob() { SetJobState(JobState.Stopped); }
        public void End(JobState state, ErrorRecord error)
        {
            if (error != null) { Error.Add(error); SetJobState(state); }
            else SetJobState(state);
        }
    }
}
