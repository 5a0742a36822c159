namespace CcWallboard.Core.Metrics;

/// <summary>
/// Fixed-size blocks of <typeparamref name="T"/>, shared by the chains of one engine. A chain takes a block as it
/// grows and gives back the blocks it trims, so the blocks only grow with what all the chains hold together: once
/// that total stops growing, adding to a chain no longer allocates. When the pool runs dry it makes an eighth more
/// blocks than it has made so far (1 to <see cref="MaxGrowth"/>), so that the total wandering a little above its
/// last peak, as it does from hour to hour, does not allocate again each time.
/// </summary>
internal class BlockPool<T>(int blockSize)
{
    public const int MaxGrowth = 256;

    private Block? _free;

    public int BlockSize { get; } = blockSize;

    private int _made;

    public Block Rent()
    {
        if (_free is null)
        {
            for (var i = Math.Clamp(_made / 8, 1, MaxGrowth); i > 0; i--)
            {
                Return(new Block(BlockSize));
                _made++;
            }
        }
        var block = _free!;
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

    internal sealed class Block(int size)
    {
        public readonly T[] Items = new T[size];
        public Block? Next;
        public Block? Prev;
    }
}

/// <summary>A sequence in blocks of a <see cref="BlockPool{T}"/>: added at the end, trimmed at the start.</summary>
internal class BlockChain<T>(BlockPool<T> blocks)
{
    private readonly int _size = blocks.BlockSize;
    private BlockPool<T>.Block? _head;
    private BlockPool<T>.Block? _tail;
    private int _first; // the slot of element 0 in _head
    private long _dropped; // how many elements were ever trimmed: the running number of element 0

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            var (block, slot) = Locate(index);
            return block.Items[slot];
        }
    }

    /// <summary>
    /// An element by its place, which stays valid while the element is held (adding and trimming do not move
    /// elements; <see cref="Insert"/> does). <see cref="Index"/> is the element's running number in the chain.
    /// </summary>
    public readonly record struct Position(BlockPool<T>.Block Block, int Slot, long Index);

    /// <summary>The element at <paramref name="position"/>, by reference.</summary>
    public ref T this[Position position] => ref position.Block.Items[position.Slot];

    public Position First
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfZero(Count);
            return new(_head!, _first, _dropped);
        }
    }

    public Position Last
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfZero(Count);
            return new(_tail!, (_first + Count - 1) % _size, _dropped + Count - 1);
        }
    }

    /// <summary>Whether the element at <paramref name="position"/> was trimmed (its block may be another chain's now).</summary>
    public bool WasTrimmed(Position position) => position.Index < _dropped;

    /// <summary>Moves <paramref name="position"/> to the next element; false, leaving it, at the last one.</summary>
    public bool TryNext(ref Position position)
    {
        if (position.Index + 1 >= _dropped + Count)
        {
            return false;
        }
        position = position.Slot + 1 == _size
            ? new(position.Block.Next!, 0, position.Index + 1)
            : new(position.Block, position.Slot + 1, position.Index + 1);
        return true;
    }

    /// <summary>Whether the next <see cref="Add"/> takes a block from the pool.</summary>
    public bool IsTailFull => _tail is null || (_first + Count) % _size == 0;

    public void Add(T item)
    {
        var position = _first + Count;
        if (_tail is null)
        {
            _head = _tail = blocks.Rent();
            _first = position = 0;
        }
        else if (position % _size == 0)
        {
            var block = blocks.Rent();
            block.Prev = _tail;
            _tail.Next = block;
            _tail = block;
        }
        _tail.Items[position % _size] = item;
        Count++;
    }

    public void RemoveFirst()
    {
        ArgumentOutOfRangeException.ThrowIfZero(Count);
        Count--;
        _first++;
        _dropped++;
        if (Count == 0)
        {
            blocks.Return(_head!);
            _head = _tail = null;
            _first = 0;
        }
        else if (_first == _size)
        {
            var old = _head!;
            _head = old.Next!;
            _head.Prev = null;
            blocks.Return(old);
            _first = 0;
        }
    }

    /// <summary>Trims the elements before <paramref name="position"/>.</summary>
    public void RemoveBefore(Position position)
    {
        while (Count > 0 && _dropped < position.Index)
        {
            RemoveFirst();
        }
    }

    public void Clear()
    {
        while (Count > 0)
        {
            RemoveFirst();
        }
    }

    /// <summary>Inserts <paramref name="item"/> at <paramref name="index"/>, moving the later ones up by one.</summary>
    public void Insert(int index, T item)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Count);
        if (index == Count)
        {
            Add(item);
            return;
        }
        Add(this[Count - 1]);
        var (block, slot) = Locate(Count - 2);
        for (var i = Count - 2; i > index; i--)
        {
            var (before, beforeSlot) = slot == 0 ? (block.Prev!, _size - 1) : (block, slot - 1);
            block.Items[slot] = before.Items[beforeSlot];
            (block, slot) = (before, beforeSlot);
        }
        block.Items[slot] = item;
    }

    /// <summary>The index of the last element <paramref name="match"/> accepts with <paramref name="argument"/>, walking back from the end; −1 when none does.</summary>
    public int FindLastIndex<TArgument>(Func<T, TArgument, bool> match, TArgument argument)
    {
        if (Count == 0)
        {
            return -1;
        }
        var (block, slot) = (_tail!, (_first + Count - 1) % _size);
        for (var i = Count - 1; i >= 0; i--)
        {
            if (match(block.Items[slot], argument))
            {
                return i;
            }
            if (i > 0)
            {
                (block, slot) = slot == 0 ? (block.Prev!, _size - 1) : (block, slot - 1);
            }
        }
        return -1;
    }

    public IEnumerator<T> GetEnumerator()
    {
        var block = _head;
        for (var i = 0; i < Count; i++)
        {
            var position = _first + i;
            if (i > 0 && position % _size == 0)
            {
                block = block!.Next;
            }
            yield return block!.Items[position % _size];
        }
    }

    /// <summary>The block and slot of element <paramref name="index"/>, walked to from the nearer end.</summary>
    private (BlockPool<T>.Block Block, int Slot) Locate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var position = _first + index;
        var wanted = position / _size;
        var last = (_first + Count - 1) / _size;
        BlockPool<T>.Block block;
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
        return (block, position % _size);
    }
}
