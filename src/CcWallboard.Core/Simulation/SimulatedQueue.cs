using CcWallboard.Core.Configuration;

namespace CcWallboard.Core.Simulation;

/// <summary>One queue of the simulated ACD: its handling model and its contacts waiting in arrival order.</summary>
internal sealed class SimulatedQueue(int index, string id, SimulatedQueueSettings? settings)
{
    private readonly Queue<SimulatedContact> _waiting = new();

    public int Index { get; } = index;

    public string Id { get; } = id;

    /// <summary>The simulator's settings for the queue; null when it gets no simulated arrivals.</summary>
    public SimulatedQueueSettings? Settings { get; } = settings;

    public void Enqueue(SimulatedContact contact) => _waiting.Enqueue(contact);

    /// <summary>The contact that has waited longest and still waits; those that abandoned are dropped on the way.</summary>
    public SimulatedContact? OldestWaiting()
    {
        while (_waiting.TryPeek(out var contact))
        {
            if (contact.Status == ContactStatus.Waiting)
            {
                return contact;
            }
            _waiting.Dequeue();
        }
        return null;
    }

    /// <summary>Lets go of the contacts at the front that no longer wait, so a queue nobody serves does not grow without end.</summary>
    public void DropThoseWhoLeft() => OldestWaiting();

    /// <summary>Takes the oldest waiting contact out of the queue (after <see cref="OldestWaiting"/> returned it).</summary>
    public void RemoveOldest() => _waiting.Dequeue();
}
