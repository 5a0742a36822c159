using System.Globalization;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Configuration;

/// <summary>
/// Checks a whole centre configuration and reports every problem at once, each naming its configuration
/// key (e.g. <c>Queues:2:ServiceLevelSeconds</c>) and the reason. Used by the host at start-up and by the CLI.
/// </summary>
public static class CentreOptionsValidator
{
    public static IReadOnlyList<FieldError> Validate(CentreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<FieldError>();
        ValidateCentre(options.Centre, errors);

        if (options.Queues.Count == 0)
        {
            errors.Add(new("Queues", "at least one queue is required"));
        }
        var queueIds = UniqueIds(options.Queues.Select(q => q.Id), "Queues", errors);
        for (var i = 0; i < options.Queues.Count; i++)
        {
            ValidateQueue(options.Queues[i], $"Queues:{i}", errors);
        }

        UniqueIds(options.QueueGroups.Select(g => g.Id), "QueueGroups", errors);
        for (var i = 0; i < options.QueueGroups.Count; i++)
        {
            var group = options.QueueGroups[i];
            if (queueIds.Contains(group.Id))
            {
                errors.Add(new($"QueueGroups:{i}:Id", $"'{group.Id}' is already a queue id; a group needs its own id"));
            }
            if (group.Queues.Count == 0)
            {
                errors.Add(new($"QueueGroups:{i}:Queues", "a group holds at least one queue"));
            }
            UnknownQueues(group.Queues, queueIds, $"QueueGroups:{i}:Queues", errors);
        }

        var teamIds = UniqueIds(options.Teams.Select(t => t.Id), "Teams", errors);
        var shiftIds = UniqueIds(options.Shifts.Select(s => s.Id), "Shifts", errors);
        UniqueIds(options.Agents.Select(a => a.Id), "Agents", errors);
        for (var i = 0; i < options.Agents.Count; i++)
        {
            var agent = options.Agents[i];
            var key = $"Agents:{i}";
            if (agent.TeamId is not null && !teamIds.Contains(agent.TeamId))
            {
                errors.Add(new($"{key}:TeamId", $"team '{agent.TeamId}' is not configured under Teams"));
            }
            if (agent.ShiftId is not null && !shiftIds.Contains(agent.ShiftId))
            {
                errors.Add(new($"{key}:ShiftId", $"shift '{agent.ShiftId}' is not configured under Shifts"));
            }
            UnknownQueues(agent.Queues, queueIds, $"{key}:Queues", errors);
        }

        for (var i = 0; i < options.Shifts.Count; i++)
        {
            ValidateShift(options.Shifts[i], $"Shifts:{i}", errors);
        }

        foreach (var (activity, states) in options.StateMapping)
        {
            for (var j = 0; j < states.Count; j++)
            {
                if (!StateMatcher.TryParse(states[j], out _))
                {
                    errors.Add(new($"StateMapping:{activity}:{j}", $"'{states[j]}' is not a state; expected e.g. available, on_contact or not_ready:break"));
                }
            }
        }

        UniqueIds(options.Boards.Select(b => b.Name), "Boards", errors, "Name");
        for (var i = 0; i < options.Boards.Count; i++)
        {
            var board = options.Boards[i];
            if (!string.IsNullOrWhiteSpace(board.Name) && !board.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors.Add(new($"Boards:{i}:Name", $"'{board.Name}' must be letters, digits, '-' or '_' (it is part of the page address)"));
            }
            if (board.Queues.Count == 0)
            {
                errors.Add(new($"Boards:{i}:Queues", "a board shows at least one queue"));
            }
            UnknownQueues(board.Queues, queueIds, $"Boards:{i}:Queues", errors);
        }

        ValidatePlanning(options.Planning, errors);
        ValidateSimulator(options.Simulator, queueIds, errors);
        errors.AddRange(CcWallboard.Core.Alerts.AlertRulesValidator.Validate(options.Alerts.Rules, options));
        return errors;
    }

    private static void ValidateCentre(CentreSettings centre, List<FieldError> errors)
    {
        if (!CentreCalendar.TryFindTimeZone(centre.TimeZone, out _))
        {
            errors.Add(new("Centre:TimeZone", $"'{centre.TimeZone}' is not a known IANA time zone (e.g. Europe/London)"));
        }
        if (centre.IntervalMinutes is not (15 or 30))
        {
            errors.Add(new("Centre:IntervalMinutes", $"must be 15 or 30, not {centre.IntervalMinutes}"));
        }
        if (!TryParseLocalTime(centre.DayStartsAt, out _))
        {
            errors.Add(new("Centre:DayStartsAt", $"'{centre.DayStartsAt}' is not a local time HH:mm"));
        }
        if (!(centre.AllowedLatenessSeconds >= 0))
        {
            errors.Add(new("Centre:AllowedLatenessSeconds", "must be zero or more"));
        }
        if (!(centre.MaxFutureSkewSeconds >= 0))
        {
            errors.Add(new("Centre:MaxFutureSkewSeconds", "must be zero or more"));
        }
        var windows = centre.SlidingWindowsMinutes ?? [];
        for (var i = 0; i < windows.Count; i++)
        {
            if (windows[i] is < 1 or > 1440)
            {
                errors.Add(new($"Centre:SlidingWindowsMinutes:{i}", $"must be between 1 and 1440 minutes, not {windows[i]}"));
            }
        }
    }

    private static void ValidateQueue(QueueSettings queue, string key, List<FieldError> errors)
    {
        if (!(queue.ServiceLevelSeconds > 0))
        {
            errors.Add(new($"{key}:ServiceLevelSeconds", $"must be more than 0, not {queue.ServiceLevelSeconds}"));
        }
        if (!(queue.ServiceLevelTargetPercent is > 0 and <= 100))
        {
            errors.Add(new($"{key}:ServiceLevelTargetPercent", $"must be above 0 and at most 100, not {queue.ServiceLevelTargetPercent}"));
        }
        if (!(queue.ShortAbandonSeconds >= 0))
        {
            errors.Add(new($"{key}:ShortAbandonSeconds", $"must be zero (off) or more, not {queue.ShortAbandonSeconds}"));
        }
        if (!Enum.IsDefined(queue.ServiceLevelFormula))
        {
            errors.Add(new($"{key}:ServiceLevelFormula", $"unknown formula; expected one of {string.Join(", ", Enum.GetNames<ServiceLevelFormula>())}"));
        }
    }

    private static void ValidateShift(ShiftSettings shift, string key, List<FieldError> errors)
    {
        if (!TryParseLocalTime(shift.Start, out _))
        {
            errors.Add(new($"{key}:Start", $"'{shift.Start}' is not a local time HH:mm"));
        }
        if (!TryParseLocalTime(shift.End, out _))
        {
            errors.Add(new($"{key}:End", $"'{shift.End}' is not a local time HH:mm"));
        }
        for (var j = 0; j < shift.Activities.Count; j++)
        {
            var activity = shift.Activities[j];
            if (string.IsNullOrWhiteSpace(activity.Activity))
            {
                errors.Add(new($"{key}:Activities:{j}:Activity", "is required"));
            }
            if (!TryParseLocalTime(activity.Start, out _))
            {
                errors.Add(new($"{key}:Activities:{j}:Start", $"'{activity.Start}' is not a local time HH:mm"));
            }
            if (activity.Minutes <= 0)
            {
                errors.Add(new($"{key}:Activities:{j}:Minutes", "must be more than 0"));
            }
        }
    }

    private static void ValidatePlanning(PlanningSettings planning, List<FieldError> errors)
    {
        if (planning.ObservedMinutes is < 1 or > 120)
        {
            errors.Add(new("Planning:ObservedMinutes", $"must be between 1 and 120 minutes, not {planning.ObservedMinutes}"));
        }
        var surge = planning.Surge;
        if (surge.WindowMinutes is < 1 or > 60)
        {
            errors.Add(new("Planning:Surge:WindowMinutes", $"must be between 1 and 60 minutes, not {surge.WindowMinutes}"));
        }
        if (!(surge.RatioPercent is > 100 and <= 10_000))
        {
            errors.Add(new("Planning:Surge:RatioPercent", $"must be above 100 and at most 10000 (percent of the forecast), not {Invariant(surge.RatioPercent)}"));
        }
        if (!(surge.Significance is > 0 and < 0.5))
        {
            errors.Add(new("Planning:Surge:Significance", $"must be above 0 and below 0.5 (a probability), not {Invariant(surge.Significance)}"));
        }
    }

    private static void ValidateSimulator(SimulatorSettings simulator, HashSet<string> queueIds, List<FieldError> errors)
    {
        if (!(simulator.DeviationProbability is >= 0 and <= 1))
        {
            errors.Add(new("Simulator:DeviationProbability", "must be between 0 and 1"));
        }
        for (var i = 0; i < simulator.Queues.Count; i++)
        {
            var queue = simulator.Queues[i];
            var key = $"Simulator:Queues:{i}";
            if (!queueIds.Contains(queue.QueueId))
            {
                errors.Add(new($"{key}:QueueId", $"queue '{queue.QueueId}' is not configured under Queues"));
            }
            if (!(queue.ContactsPerDay >= 0))
            {
                errors.Add(new($"{key}:ContactsPerDay", "must be zero or more"));
            }
            if (queue.HourlyProfile.Count != 24 || queue.HourlyProfile.Any(w => !(w >= 0)) || !(queue.HourlyProfile.Sum() > 0))
            {
                errors.Add(new($"{key}:HourlyProfile", "must hold 24 weights, one per local hour, none negative, not all zero"));
            }
            if (!(queue.MeanTalkSeconds > 0))
            {
                errors.Add(new($"{key}:MeanTalkSeconds", "must be more than 0"));
            }
            if (!(queue.MeanAcwSeconds >= 0))
            {
                errors.Add(new($"{key}:MeanAcwSeconds", "must be zero or more"));
            }
            if (!(queue.MeanPatienceSeconds > 0))
            {
                errors.Add(new($"{key}:MeanPatienceSeconds", "must be more than 0"));
            }
        }
        for (var i = 0; i < simulator.Surges.Count; i++)
        {
            var surge = simulator.Surges[i];
            var key = $"Simulator:Surges:{i}";
            if (!queueIds.Contains(surge.QueueId))
            {
                errors.Add(new($"{key}:QueueId", $"queue '{surge.QueueId}' is not configured under Queues"));
            }
            if (!TryParseLocalTime(surge.StartsAt, out _))
            {
                errors.Add(new($"{key}:StartsAt", $"'{surge.StartsAt}' is not a local time HH:mm"));
            }
            if (!(surge.DurationMinutes is > 0 and <= 1440))
            {
                errors.Add(new($"{key}:DurationMinutes", $"must be above 0 and at most 1440 minutes, not {Invariant(surge.DurationMinutes)}"));
            }
            if (!(surge.Multiplier is > 0 and <= 100))
            {
                errors.Add(new($"{key}:Multiplier", $"must be above 0 and at most 100, not {Invariant(surge.Multiplier)}"));
            }
        }
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static HashSet<string> UniqueIds(IEnumerable<string> ids, string section, List<FieldError> errors, string field = "Id")
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add(new($"{section}:{index}:{field}", "is required"));
            }
            else if (!seen.Add(id))
            {
                errors.Add(new($"{section}:{index}:{field}", $"'{id}' is used twice"));
            }
            index++;
        }
        return seen;
    }

    private static void UnknownQueues(List<string> queues, HashSet<string> known, string key, List<FieldError> errors)
    {
        for (var j = 0; j < queues.Count; j++)
        {
            if (!known.Contains(queues[j]))
            {
                errors.Add(new($"{key}:{j}", $"queue '{queues[j]}' is not configured under Queues"));
            }
        }
    }

    /// <summary>Parses a local time of day written HH:mm.</summary>
    public static bool TryParseLocalTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
