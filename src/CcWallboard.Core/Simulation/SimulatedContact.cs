namespace CcWallboard.Core.Simulation;

/// <summary>Where a simulated contact is in its life.</summary>
internal enum ContactStatus
{
    Waiting,
    Ringing,
    Answered,
    Abandoned,
    Ended,
}

/// <summary>One simulated contact (call) from its arrival in a queue to its end.</summary>
internal sealed class SimulatedContact(string id, SimulatedQueue queue, long queuedAt, long arrivalNumber)
{
    public string Id { get; } = id;

    public SimulatedQueue Queue { get; } = queue;

    public long QueuedAt { get; } = queuedAt;

    /// <summary>Increases with arrival time: the smallest among waiting contacts has waited longest.</summary>
    public long ArrivalNumber { get; } = arrivalNumber;

    public ContactStatus Status { get; set; } = ContactStatus.Waiting;

    /// <summary>The agent it rings at or who handles it.</summary>
    public SimulatedAgent? Agent { get; set; }

    /// <summary>Seconds on hold during the talk; null when the customer was never held.</summary>
    public double? HoldSeconds { get; set; }
}
