using CcWallboard.Core.Adherence;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;
using CcWallboard.Host.Options;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Adherence;

/// <summary>
/// The schedules adherence is measured against: a day's imported WFM schedule (through <c>PUT /api/schedules/{date}</c>
/// or a file named in <c>Adherence:ScheduleFiles</c>), else the configured shift patterns. A file with a bad row is
/// rejected whole with every row's reason, and the day keeps its previous schedule.
/// </summary>
public sealed partial class Schedules(IOptions<CentreOptions> options, IScheduleStore store, ILogger<Schedules> logger) : IConfiguredDayFiles
{
    private readonly CentreOptions _centre = options.Value;
    private readonly CentreCalendar _calendar = CentreCalendar.For(options.Value.Centre);
    private readonly ScheduleRules _rules = ScheduleRules.For(options.Value);

    /// <summary>Raised after a day's schedule was replaced.</summary>
    public event Action<DaySchedule>? Replaced;

    public CentreCalendar Calendar => _calendar;

    /// <summary>Validates and stores a day's schedule; on any error nothing changes and every error is returned.</summary>
    public async Task<IReadOnlyList<ScheduleError>> PutAsync(DateOnly day, string text, ScheduleFormat format, CancellationToken cancellationToken)
    {
        var parsed = ScheduleFile.Parse(text, format, day, _calendar, _rules);
        if (parsed.Schedule is not { } schedule)
        {
            LogRejected(day, parsed.Errors.Count, parsed.Errors[0].ToString());
            return parsed.Errors;
        }
        await store.PutAsync(day, ScheduleFile.Write(schedule, ScheduleFormat.Csv), cancellationToken).ConfigureAwait(false);
        LogReplaced(day, schedule.Agents.Count);
        Replaced?.Invoke(schedule);
        return [];
    }

    /// <summary>The day's imported schedule, or the configured shift patterns' when none was imported.</summary>
    public async Task<(DaySchedule Schedule, bool Imported)> ForDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(day, cancellationToken).ConfigureAwait(false) is { } csv
            && ScheduleFile.Parse(csv, ScheduleFormat.Csv, day, _calendar, _rules).Schedule is { } stored)
        {
            return (stored, true);
        }
        return (DaySchedule.FromShifts(new ShiftSchedule(_centre, _calendar), day), false);
    }

    /// <summary>
    /// Imports the files of <c>Adherence:ScheduleFiles</c> (relative to <paramref name="baseDirectory"/>); each file's
    /// name carries its date (e.g. <c>schedules/2026-11-23.csv</c>). Returns every problem, naming the key.
    /// </summary>
    public string SettingKey => "Adherence:ScheduleFiles";

    public async Task<IReadOnlyList<string>> ImportConfiguredFilesAsync(string baseDirectory, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        for (var i = 0; i < _centre.Adherence.ScheduleFiles.Count; i++)
        {
            var key = $"Adherence:ScheduleFiles:{i}";
            var path = Path.Combine(baseDirectory, _centre.Adherence.ScheduleFiles[i]);
            if (ConfiguredFile.Day(path) is not { } day)
            {
                problems.Add($"{key}: '{path}' must end its name with the day it schedules, e.g. 2026-11-23.csv");
                continue;
            }
            if (!File.Exists(path))
            {
                problems.Add($"{key}: '{path}' does not exist");
                continue;
            }
            var format = ConfiguredFile.IsJson(path) ? ScheduleFormat.Json : ScheduleFormat.Csv;
            var errors = await PutAsync(day, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), format, cancellationToken).ConfigureAwait(false);
            problems.AddRange(errors.Select(e => $"{key}: '{path}' {e}"));
        }
        return problems;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Rejected the schedule of {Day}: {Count} errors, the first {First}; the previous schedule stays")]
    private partial void LogRejected(DateOnly day, int count, string first);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Replaced the schedule of {Day} ({Agents} agents)")]
    private partial void LogReplaced(DateOnly day, int agents);
}
