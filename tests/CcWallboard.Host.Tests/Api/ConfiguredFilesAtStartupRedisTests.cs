using CcWallboard.Testing;

namespace CcWallboard.Host.Tests.Api;

/// <summary>
/// The day files the centre file names — forecasts (<c>Planning:ForecastFiles</c>) and schedules
/// (<c>Adherence:ScheduleFiles</c>) — beside a copy of the example centre file, imported at start-up.
/// </summary>
public sealed class ConfiguredFilesAtStartupRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IDisposable
{
    private const string Forecasts = "Planning:ForecastFiles";
    private const string Schedules = "Adherence:ScheduleFiles";
    private readonly string _folder = Directory.CreateTempSubdirectory("ccw-day-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteCentre(string setting, string file, string text)
    {
        var folder = setting == Forecasts ? "forecasts" : "schedules";
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "centre.json"), Path.Combine(_folder, "centre.json"));
        Directory.CreateDirectory(Path.Combine(_folder, folder));
        File.WriteAllText(Path.Combine(_folder, folder, file), text);
        return $"{folder}/{file}";
    }

    /// <summary>Runs the host as its own process, as an operator would, with the file configured; it should stop.</summary>
    private async Task<(int ExitCode, string Output)> RunHostWithAsync(string file, string text, string setting = Forecasts)
    {
        var path = WriteCentre(setting, file, text);
        return await HostProcess.RunAsync(new Dictionary<string, string>
        {
            ["CentreConfigFile"] = Path.Combine(_folder, "centre.json"),
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            [$"{setting.Replace(":", "__", StringComparison.Ordinal)}__0"] = path,
        });
    }

    private WallboardHostFactory HostWith(string file, string text, string setting = Forecasts)
    {
        var path = WriteCentre(setting, file, text);
        return new WallboardHostFactory(redisConnectionString: redis.ConnectionString)
            .With("CentreConfigFile", Path.Combine(_folder, "centre.json"))
            .With("Storage:KeyPrefix", $"startup:{Guid.NewGuid():N}:")
            .With($"{setting}:0", path);
    }

    [Fact]
    public async Task A_configured_schedule_file_is_imported_as_the_host_starts()
    {
        await using var host = HostWith("2026-11-23.csv", "agentId,activity,start,end\na01,open,2026-11-23T09:00:00Z,2026-11-23T17:00:00Z\n", Schedules);
        using var client = host.CreateHttpClient();

        var response = await client.GetAsync(new Uri("/api/schedules/2026-11-23", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal("imported", response.Headers.GetValues("X-Schedule-Source").Single());
        Assert.Contains("a01,open,2026-11-23T09:00:00+00:00,2026-11-23T17:00:00+00:00", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_configured_schedule_file_stops_start_up_naming_the_key_and_the_row()
    {
        var (exitCode, output) = await RunHostWithAsync("2026-11-23.csv", "agentId,activity,start,end\nnobody,open,2026-11-23T09:00:00Z,2026-11-23T17:00:00Z\n", Schedules);

        Assert.Equal(1, exitCode);
        Assert.Contains("Adherence:ScheduleFiles:0", output, StringComparison.Ordinal);
        Assert.Contains("row 2", output, StringComparison.Ordinal);
        Assert.Contains("nobody", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_forecast_file_is_imported_as_the_host_starts()
    {
        await using var host = HostWith("2026-11-23.json", """
            [ { "queueId": "sales", "intervalStart": "2026-11-23T09:00:00Z", "offered": 40, "ahtSeconds": 200 } ]
            """);
        using var client = host.CreateHttpClient();

        var response = await client.GetAsync(new Uri("/api/forecasts/2026-11-23", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal("imported", response.Headers.GetValues("X-Forecast-Source").Single());
        Assert.Contains("sales,2026-11-23T09:00:00+00:00,40,200", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_configured_forecast_file_stops_start_up_naming_the_key_and_the_row()
    {
        var (exitCode, output) = await RunHostWithAsync("2026-11-23.csv", "queueId,intervalStart,offered,ahtSeconds\nsales,2026-11-23T09:10:00Z,40,200\n");

        Assert.Equal(1, exitCode);
        Assert.Contains("Planning:ForecastFiles:0", output, StringComparison.Ordinal);
        Assert.Contains("row 2, intervalStart: 2026-11-23T09:10:00+00:00 is not the start of an interval", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_file_whose_name_does_not_end_with_its_day_stops_start_up()
    {
        var (exitCode, output) = await RunHostWithAsync("monday.csv", "queueId,intervalStart,offered,ahtSeconds\nsales,2026-11-23T09:00:00Z,40,200\n");

        Assert.Equal(1, exitCode);
        Assert.Contains("Planning:ForecastFiles:0", output, StringComparison.Ordinal);
        Assert.Contains("must end its name with the day it forecasts", output, StringComparison.Ordinal);
    }
}
