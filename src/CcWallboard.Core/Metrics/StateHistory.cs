using CcWallboard.Core.Events;

namespace CcWallboard.Core.Metrics;

/// <summary>A state an agent entered and when (UTC ticks).</summary>
internal readonly record struct StateStretch(long Start, AgentState State);

/// <summary>
/// Fixed-size blocks of agents' recent states, shared by all the agents of one engine. A history takes a block as it
/// grows and gives back the blocks it trims, so the blocks only grow with the whole floor's recent states: once that
/// total stops growing, no state change allocates (a list per agent grows again each time one agent has a busier hour
/// than any before).
/// </summary>
internal sealed class StretchBlocks
{
    public const int Size = 32;

    private Block? _free;

    public Block Rent()
    {
        if (_free is not { } block)
        {
            return new Block();
        }
        _free = block.Next;
        block.Next = null;
        return block;
    }

    public void Return(Block block)
    {
        block.Prev = null;
        block.Next = _free;
        _free = block;
    }

    internal sealed class Block
    {
        public readonly StateStretch[] Items = new StateStretch[Size];
        public Block? Next;
        public Block? Prev;
    }
}

/// <summary>An agent's recent states, oldest first, in blocks of <see cref="StretchBlocks"/>: added at the end, trimmed at the start.</summary>
internal sealed class StateHistory(StretchBlocks blocks)
{
    private const int Size = StretchBlocks.Size;

    private StretchBlocks.Block? _head;
    private StretchBlocks.Block? _tail;
    private int _first; // the slot of element 0 in _head

    public int Count { get; private set; }

    public StateStretch this[int index]
    {
        get
        {
            var (block, slot) = Locate(index);
            return block.Items[slot];
        }
    }

    public void Add(StateStretch stretch)
    {
        var position = _first + Count;
        if (_tail is null)
        {
            _head = _tail = blocks.Rent();
            _first = position = 0;
        }
        else if (position % Size == 0)
        {
            var block = blocks.Rent();
            block.Prev = _tail;
            _tail.Next = block;
            _tail = block;
        }
        _tail.Items[position % Size] = stretch;
        Count++;
    }

    public void RemoveFirst()
    {
        ArgumentOutOfRangeException.ThrowIfZero(Count);
        Count--;
        _first++;
        if (Count == 0)
        {
            blocks.Return(_head!);
            _head = _tail = null;
            _first = 0;
        }
        else if (_first == Size)
        {
            var old = _head!;
            _head = old.Next!;
            _head.Prev = null;
            blocks.Return(old);
            _first = 0;
        }
    }

    /// <summary>Inserts <paramref name="stretch"/> at <paramref name="index"/>, moving the later ones up by one.</summary>
    public void Insert(int index, StateStretch stretch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Count);
        if (index == Count)
        {
            Add(stretch);
            return;
        }
        Add(this[Count - 1]);
        var (block, slot) = Locate(Count - 2);
        for (var i = Count - 2; i > index; i--)
        {
            var (before, beforeSlot) = slot == 0 ? (block.Prev!, Size - 1) : (block, slot - 1);
            block.Items[slot] = before.Items[beforeSlot];
            (block, slot) = (before, beforeSlot);
        }
        block.Items[slot] = stretch;
    }

    /// <summary>The index of the last state that began at or before <paramref name="at"/>; −1 when none did.</summary>
    public int LastStartingBy(long at)
    {
        if (Count == 0)
        {
            return -1;
        }
        var (block, slot) = (_tail!, (_first + Count - 1) % Size);
        for (var i = Count - 1; i >= 0; i--)
        {
            if (block.Items[slot].Start <= at)
            {
                return i;
            }
            if (i > 0)
            {
                (block, slot) = slot == 0 ? (block.Prev!, Size - 1) : (block, slot - 1);
            }
        }
        return -1;
    }

    public IEnumerator<StateStretch> GetEnumerator()
    {
        var block = _head;
        for (var i = 0; i < Count; i++)
        {
            var position = _first + i;
            if (i > 0 && position % Size == 0)
            {
                block = block!.Next;
            }
            yield return block!.Items[position % Size];
        }
    }

    /// <summary>The block and slot of element <paramref name="index"/>, walked to from the nearer end.</summary>
    private (StretchBlocks.Block Block, int Slot) Locate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var position = _first + index;
        var wanted = position / Size;
        var last = (_first + Count - 1) / Size;
        StretchBlocks.Block block;
        if (wanted <= last - wanted)
        {
            block = _head!;
            for (var b = 0; b < wanted; b++)
            {
                block = block.Next!;
            }
        }
        else
        {
            block = _tail!;
            for (var b = last; b > wanted; b--)
            {
                block = block.Prev!;
            }
        }
        return (block, position % Size);
    }
}
