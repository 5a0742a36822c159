using CcWallboard.Host.Tests.Api;
using CcWallboard.Testing;

namespace CcWallboard.Host.Tests.Planning;

/// <summary>The forecast files of <c>Planning:ForecastFiles</c>, beside a copy of the example centre file, at start-up.</summary>
public sealed class ForecastFilesAtStartupRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ccw-forecasts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void WriteCentre(string file, string text)
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "centre.json"), Path.Combine(_folder, "centre.json"));
        Directory.CreateDirectory(Path.Combine(_folder, "forecasts"));
        File.WriteAllText(Path.Combine(_folder, "forecasts", file), text);
    }

    /// <summary>Runs the host as its own process, as an operator would, with the forecast file configured; it should stop.</summary>
    private async Task<(int ExitCode, string Output)> RunHostWithAsync(string file, string text)
    {
        WriteCentre(file, text);
        return await HostProcess.RunAsync(new Dictionary<string, string>
        {
            ["CentreConfigFile"] = Path.Combine(_folder, "centre.json"),
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Planning__ForecastFiles__0"] = $"forecasts/{file}",
        });
    }

    private WallboardHostFactory HostWith(string file, string text)
    {
        WriteCentre(file, text);
        return new WallboardHostFactory(redisConnectionString: redis.ConnectionString)
            .With("CentreConfigFile", Path.Combine(_folder, "centre.json"))
            .With("Storage:KeyPrefix", $"startup:{Guid.NewGuid():N}:")
            .With("Planning:ForecastFiles:0", $"forecasts/{file}");
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
