using System.Diagnostics.Metrics;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Planning;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;
using CcWallboard.Host.Options;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Planning;

/// <summary>
/// The forecasts live figures are judged against: a day's imported WFM forecast (through <c>PUT /api/forecasts/{date}</c>
/// or a file named in <c>Planning:ForecastFiles</c>), else — with <c>Planning:ForecastFromSimulator</c> and the
/// simulator on — the volumes the simulator is configured to produce, else none. A file with a bad row is rejected
/// whole with every row's reason (counted in <c>ccwallboard.forecasts.rejected</c>), and the day keeps its previous forecast.
/// </summary>
public sealed partial class Forecasts : IConfiguredDayFiles
{
    private readonly CentreOptions _centre;
    private readonly CentreCalendar _calendar;
    private readonly ForecastRules _rules;
    private readonly IForecastStore _store;
    private readonly ILogger<Forecasts> _logger;
    private readonly Counter<long> _rejected;

    public Forecasts(IOptions<CentreOptions> options, IForecastStore store, IMeterFactory meters, ILogger<Forecasts> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _centre = options.Value;
        _calendar = CentreCalendar.For(options.Value.Centre);
        _rules = ForecastRules.For(options.Value);
        _store = store;
        _logger = logger;
        _rejected = meters.Create("CcWallboard.Planning")
            .CreateCounter<long>("ccwallboard.forecasts.rejected", description: "Forecast files rejected by validation (nothing changed)");
    }

    /// <summary>Raised after a day's forecast was replaced.</summary>
    public event Action<DayForecast>? Replaced;

    /// <summary>Validates and stores a day's forecast; on any error nothing changes and every error is returned.</summary>
    public async Task<IReadOnlyList<ForecastError>> PutAsync(DateOnly day, string text, ForecastFormat format, CancellationToken cancellationToken)
    {
        var parsed = ForecastFile.Parse(text, format, day, _calendar, _rules);
        if (parsed.Forecast is not { } forecast)
        {
            _rejected.Add(1);
            LogRejected(day, parsed.Errors.Count, parsed.Errors[0].ToString());
            return parsed.Errors;
        }
        await _store.PutAsync(day, ForecastFile.Write(forecast, ForecastFormat.Csv), cancellationToken).ConfigureAwait(false);
        var queues = forecast.QueueIds.Count();
        LogReplaced(day, queues);
        Replaced?.Invoke(forecast);
        return [];
    }

    /// <summary>
    /// The day's imported forecast; else the simulator's when <c>Planning:ForecastFromSimulator</c> is on and the
    /// simulator runs; else null (no forecast: figures that need one are not shown).
    /// </summary>
    public async Task<DayForecast?> ForDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (await _store.GetAsync(day, cancellationToken).ConfigureAwait(false) is { } csv
            && ForecastFile.Parse(csv, ForecastFormat.Csv, day, _calendar, _rules).Forecast is { } stored)
        {
            return stored;
        }
        return _centre.Planning.ForecastFromSimulator && _centre.Simulator.Enabled ? SimulatorForecast.For(_centre, day) : null;
    }

    /// <summary>
    /// Imports the files of <c>Planning:ForecastFiles</c> (relative to <paramref name="baseDirectory"/>); each file's
    /// name carries its date (e.g. <c>forecasts/2026-11-23.csv</c>). Returns every problem, naming the key.
    /// </summary>
    public string SettingKey => "Planning:ForecastFiles";

    public async Task<IReadOnlyList<string>> ImportConfiguredFilesAsync(string baseDirectory, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        for (var i = 0; i < _centre.Planning.ForecastFiles.Count; i++)
        {
            var key = $"Planning:ForecastFiles:{i}";
            var path = Path.Combine(baseDirectory, _centre.Planning.ForecastFiles[i]);
            if (ConfiguredFile.Day(path) is not { } day)
            {
                problems.Add($"{key}: '{path}' must end its name with the day it forecasts, e.g. 2026-11-23.csv");
                continue;
            }
            if (!File.Exists(path))
            {
                problems.Add($"{key}: '{path}' does not exist");
                continue;
            }
            var format = ConfiguredFile.IsJson(path) ? ForecastFormat.Json : ForecastFormat.Csv;
            var errors = await PutAsync(day, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), format, cancellationToken).ConfigureAwait(false);
            problems.AddRange(errors.Select(e => $"{key}: '{path}' {e}"));
        }
        return problems;
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Rejected the forecast of {Day}: {Count} errors, the first {First}; the previous forecast stays")]
    private partial void LogRejected(DateOnly day, int count, string first);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "Replaced the forecast of {Day} ({Queues} queues)")]
    private partial void LogReplaced(DateOnly day, int queues);
}
