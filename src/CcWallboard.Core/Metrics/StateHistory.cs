using CcWallboard.Core.Events;

namespace CcWallboard.Core.Metrics;

/// <summary>A state an agent entered and when (UTC ticks).</summary>
internal readonly record struct StateStretch(long Start, AgentState State);

/// <summary>
/// Blocks of 32 agents' recent states, shared by all the agents of one engine, so the blocks only grow with the whole
/// floor's recent states: once that total stops growing, no state change allocates (a list per agent grows again
/// each time one agent has a busier hour than any before).
/// </summary>
internal sealed class StretchBlocks() : BlockPool<StateStretch>(Size)
{
    public const int Size = 32;
}

/// <summary>An agent's recent states, oldest first, in blocks of <see cref="StretchBlocks"/>: added at the end, trimmed at the start.</summary>
internal sealed class StateHistory(StretchBlocks blocks) : BlockChain<StateStretch>(blocks)
{
    /// <summary>The index of the last state that began at or before <paramref name="at"/>; −1 when none did.</summary>
    public int LastStartingBy(long at) => FindLastIndex(static (stretch, at) => stretch.Start <= at, at);
}
