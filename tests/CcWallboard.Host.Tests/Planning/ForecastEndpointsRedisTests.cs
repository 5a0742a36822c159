using System.Net;
using System.Text;
using System.Text.Json;
using CcWallboard.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Planning;

/// <summary>
/// <c>PUT</c>/<c>GET /api/forecasts/{date}</c> on a real host (example centre, Europe/London) keeping its forecasts in
/// a real redis-server.
/// </summary>
public sealed class ForecastEndpointsRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string Key = "wfm-key-0123456789abcdef";
    private readonly string _prefix = $"forecasts:{Guid.NewGuid():N}:";
    private readonly List<WallboardHostFactory> _hosts = [];
    private HttpClient _client = null!;

    private const string Valid = """
        queueId,intervalStart,offered,ahtSeconds
        sales,2026-11-23T09:00:00Z,12,240
        sales,2026-11-23T09:15:00Z,14.5,250
        service,2026-11-23T09:00:00Z,30,310
        """;

    public Task InitializeAsync()
    {
        _client = Client(NewHost());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    private WallboardHostFactory NewHost(FakeTimeProvider? time = null)
    {
        var host = new WallboardHostFactory(time, redis.ConnectionString)
            .With("Storage:KeyPrefix", _prefix)
            .With("Ingestion:ApiKeys:wfm", Key);
        _hosts.Add(host);
        return host;
    }

    private static HttpClient Client(WallboardHostFactory host)
    {
        var client = host.CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string date, string body, string mediaType = "text/csv") =>
        client.PutAsync(new Uri($"/api/forecasts/{date}", UriKind.Relative), new StringContent(body, Encoding.UTF8, mediaType));

    private static async Task<(string Source, string Csv)> GetAsync(HttpClient client, string date)
    {
        var response = await client.GetAsync(new Uri($"/api/forecasts/{date}", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (response.Headers.GetValues("X-Forecast-Source").Single(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_valid_forecast_replaces_the_day_and_is_read_back_as_csv_or_json()
    {
        var put = await PutAsync(_client, "2026-11-23", Valid);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var (source, csv) = await GetAsync(_client, "2026-11-23");
        Assert.Equal("imported", source);
        Assert.Equal(
            "queueId,intervalStart,offered,ahtSeconds\r\n" +
            "sales,2026-11-23T09:00:00+00:00,12,240\r\n" +
            "sales,2026-11-23T09:15:00+00:00,14.5,250\r\n" +
            "service,2026-11-23T09:00:00+00:00,30,310\r\n",
            csv);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/forecasts/2026-11-23", UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/json");
        var json = await _client.SendAsync(request);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var second = body.RootElement[1];
        Assert.Equal("sales", second.GetProperty("queueId").GetString());
        Assert.Equal("2026-11-23T09:15:00+00:00", second.GetProperty("intervalStart").GetString());
        Assert.Equal(14.5, second.GetProperty("offered").GetDouble());
        Assert.Equal(250, second.GetProperty("ahtSeconds").GetDouble());
    }

    [Fact]
    public async Task The_forecast_is_kept_in_redis_and_a_restarted_host_reads_it()
    {
        await PutAsync(_client, "2026-11-23", Valid);
        await using var multiplexer = await redis.ConnectAsync();
        Assert.True(await multiplexer.GetDatabase().KeyExistsAsync($"{_prefix}forecast:2026-11-23"));

        using var restarted = Client(NewHost());

        Assert.Equal("imported", (await GetAsync(restarted, "2026-11-23")).Source);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_rejected_whole_naming_each_row_and_field_and_the_old_forecast_stays()
    {
        await PutAsync(_client, "2026-11-23", Valid);
        var (_, before) = await GetAsync(_client, "2026-11-23");
        var bad = Valid + "\nnosuch,2026-11-23T10:00:00Z,5,200\nsales,2026-11-23T10:10:00Z,-2,0\n";

        var put = await PutAsync(_client, "2026-11-23", bad);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        using var body = JsonDocument.Parse(await put.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.GetProperty("field").GetString())).ToList();
        // CSV rows are lines from 1, the header included.
        Assert.Equal([(5, "queueId"), (6, "intervalStart"), (6, "offered"), (6, "ahtSeconds")], errors);
        Assert.Equal(before, (await GetAsync(_client, "2026-11-23")).Csv);
    }

    [Fact]
    public async Task The_same_forecast_as_json_is_accepted()
    {
        var json = """
            [ { "queueId": "billing", "intervalStart": "2026-11-24T08:00:00Z", "offered": 4, "ahtSeconds": 420 } ]
            """;

        var put = await PutAsync(_client, "2026-11-24", json, "application/json");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Contains("billing,2026-11-24T08:00:00+00:00,4,420", (await GetAsync(_client, "2026-11-24")).Csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_source_key_a_forecast_cannot_be_replaced()
    {
        using var anonymous = _hosts[0].CreateHttpClient();

        var put = await PutAsync(anonymous, "2026-11-23", Valid);

        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(new Uri("/api/forecasts/2026-11-23", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_date_that_is_not_a_day_is_named()
    {
        var put = await PutAsync(_client, "23-11-2026", Valid);
        var get = await _client.GetAsync(new Uri("/api/forecasts/2026-02-30", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("date: '23-11-2026' is not a day YYYY-MM-DD", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_neither_csv_nor_json_is_refused()
    {
        var put = await PutAsync(_client, "2026-11-23", Valid, "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, put.StatusCode);
        Assert.Contains("Content-Type: 'text/plain; charset=utf-8' is not text/csv or application/json", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_without_a_forecast_is_not_found_when_the_simulator_is_off()
    {
        var get = await _client.GetAsync(new Uri("/api/forecasts/2026-11-25", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no forecast was imported for 2026-11-25", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_simulator_on_a_day_without_an_import_takes_the_simulators_forecast_until_one_is_imported()
    {
        // A fake clock keeps the simulated floor still.
        var host = NewHost(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero))).With("Simulator:Enabled", "true");
        using var client = Client(host);

        var (source, csv) = await GetAsync(client, "2026-11-25");
        var put = await PutAsync(client, "2026-11-25", Valid.Replace("2026-11-23", "2026-11-25", StringComparison.Ordinal));

        Assert.Equal("simulator", source);
        Assert.Equal(1 + (3 * 96), csv.Trim().Split('\n').Length); // three simulated queues, 96 quarter-hours
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("imported", (await GetAsync(client, "2026-11-25")).Source);
    }

    [Fact]
    public async Task With_the_simulator_on_but_forecast_from_simulator_off_a_day_without_an_import_has_none()
    {
        var host = NewHost(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)))
            .With("Simulator:Enabled", "true")
            .With("Planning:ForecastFromSimulator", "false");
        using var client = Client(host);

        var get = await client.GetAsync(new Uri("/api/forecasts/2026-11-25", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }
}
