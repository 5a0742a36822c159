using System.Text;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Metrics;

/// <summary>Writing the engine's whole state to a checkpoint and reading it back.</summary>
public sealed partial class QueueMetricsEngine
{
    /// <summary>
    /// What the state's layout depends on: a checkpoint taken under another configuration (queues, groups,
    /// boards, windows, calendar) is not read back.
    /// </summary>
    public static string FingerprintOf(CentreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder()
            .Append(options.Centre.TimeZone).Append('|').Append(options.Centre.DayStartsAt).Append('|')
            .Append(options.Centre.IntervalMinutes).Append('|')
            .AppendJoin(',', options.Centre.EffectiveSlidingWindowsMinutes).Append('|')
            .AppendJoin(',', options.Queues.Select(q => q.Id)).Append('|');
        foreach (var group in options.QueueGroups)
        {
            text.Append(group.Id).Append('=').AppendJoin('+', group.Queues).Append(';');
        }
        text.Append('|');
        foreach (var board in options.Boards)
        {
            text.Append(board.Name).Append('=').AppendJoin('+', board.Queues).Append(';');
        }
        return text.ToString();
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(_now);
        writer.Write(_day.Date.DayNumber);
        writer.Write(Orphans);
        writer.Write(UnknownQueueEvents);
        writer.Write(EventsApplied);
        foreach (var queue in _queues)
        {
            writer.Write(queue.Today);
            writer.Write(queue.Intervals.Length);
            foreach (var interval in queue.Intervals)
            {
                writer.Write(interval);
            }
            writer.Write(queue.Waiting);
        }
        writer.Write(_waiting.Count);
        foreach (var ((queue, contact), queuedAt) in _waiting)
        {
            writer.Write(queue);
            writer.Write(contact);
            writer.Write(queuedAt);
        }
        writer.Write(_unmatchedOrder.Count);
        foreach (var (at, queue, contact) in _unmatchedOrder)
        {
            writer.Write(at);
            writer.Write(queue);
            writer.Write(contact);
            writer.Write(_unmatched.TryGetValue((queue, contact), out var outcome) ? (int)outcome.Kind : -1);
        }
        writer.Write(_agents.Count);
        foreach (var agent in _agents.Values)
        {
            writer.Write(agent.Id);
            writer.Write((int)agent.State);
            writer.WriteNullable(agent.Reason);
            writer.Write(agent.Since);
            writer.Write(agent.Queues.Count);
            foreach (var queue in agent.Queues)
            {
                writer.Write(queue);
            }
            writer.Write(agent.Talking.Count);
            foreach (var talking in agent.Talking)
            {
                writer.Write(talking.Queue);
                writer.Write(talking.ContactId);
                writer.Write(talking.AnsweredAt);
            }
            writer.Write(agent.History.Count);
            foreach (var stretch in agent.History)
            {
                writer.Write(stretch.Start);
                writer.Write((int)stretch.State);
            }
            writer.Write(agent.Wrapping is not null);
            if (agent.Wrapping is { } wrapping)
            {
                writer.Write(wrapping.Queue);
                writer.Write(wrapping.TalkSeconds);
                writer.Write(wrapping.EndedAt);
                writer.Write(wrapping.InAcw);
            }
        }
        foreach (var aggregate in _aggregates)
        {
            aggregate.Tally.Write(writer);
        }
        _sliding.Write(writer);
    }

    /// <summary>Reads the state written by <see cref="Write"/> into a freshly built engine of the same configuration.</summary>
    internal void Read(BinaryReader reader)
    {
        _now = reader.ReadInt64();
        var date = DateOnly.FromDayNumber(reader.ReadInt32());
        _day = _calendar.DayOf(_calendar.StartOf(date));
        Orphans = reader.ReadInt64();
        UnknownQueueEvents = reader.ReadInt64();
        EventsApplied = reader.ReadInt64();
        foreach (var queue in _queues)
        {
            queue.Today = reader.ReadCounters();
            var intervals = reader.ReadInt32();
            if (intervals != queue.Intervals.Length)
            {
                throw new InvalidDataException($"checkpoint holds {intervals} intervals, expected {queue.Intervals.Length}");
            }
            for (var i = 0; i < intervals; i++)
            {
                queue.Intervals[i] = reader.ReadCounters();
            }
            queue.Waiting = reader.ReadInt32();
        }
        _waiting.Clear();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var queue = QueueIndexFrom(reader);
            _waiting[(queue, reader.ReadString())] = reader.ReadInt64();
        }
        _unmatched.Clear();
        _unmatchedOrder.Clear();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var at = reader.ReadInt64();
            var queue = QueueIndexFrom(reader);
            var contact = reader.ReadString();
            var kind = reader.ReadInt32();
            _unmatchedOrder.Enqueue((at, queue, contact));
            if (kind >= 0)
            {
                _unmatched[(queue, contact)] = new UnmatchedOutcome((OutcomeKind)kind, at);
            }
        }
        _agents.Clear();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var agent = new AgentStatus(reader.ReadString(), _stretchBlocks)
            {
                State = (AgentState)reader.ReadInt32(),
                Reason = reader.ReadNullableString(),
                Since = reader.ReadInt64(),
            };
            for (var queues = reader.ReadInt32(); queues > 0; queues--)
            {
                agent.Queues.Add(QueueIndexFrom(reader));
            }
            for (var talking = reader.ReadInt32(); talking > 0; talking--)
            {
                agent.Talking.Add(new ActiveContact(QueueIndexFrom(reader), reader.ReadString(), reader.ReadInt64()));
            }
            for (var stretches = reader.ReadInt32(); stretches > 0; stretches--)
            {
                agent.History.Add(new StateStretch(reader.ReadInt64(), (AgentState)reader.ReadInt32()));
            }
            if (reader.ReadBoolean())
            {
                agent.Wrapping = new WrapUp(QueueIndexFrom(reader), reader.ReadDouble(), reader.ReadInt64(), reader.ReadBoolean());
            }
            agent.Aggregates = AggregatesServing(agent.Queues);
            _agents[agent.Id] = agent;
        }
        foreach (var aggregate in _aggregates)
        {
            aggregate.Tally.Read(reader);
        }
        _sliding.Read(reader);
    }

    private int QueueIndexFrom(BinaryReader reader)
    {
        var queue = reader.ReadInt32();
        return queue >= 0 && queue < _queues.Length ? queue : throw new InvalidDataException($"checkpoint names queue {queue} of {_queues.Length}");
    }
}
