using System.Net;
using System.Text;
using System.Text.Json;
using CcWallboard.Testing;

namespace CcWallboard.Host.Tests.Adherence;

/// <summary><c>PUT</c>/<c>GET /api/schedules/{date}</c> on a real host (example centre, Europe/London).</summary>
public sealed class ScheduleEndpointsTests : IAsyncLifetime
{
    private const string Key = "wfm-key-0123456789abcdef";
    private WallboardHostFactory _host = null!;
    private HttpClient _client = null!;

    private const string Valid = """
        agentId,activity,start,end
        a01,open,2026-11-23T09:00:00Z,2026-11-23T10:30:00Z
        a01,break,2026-11-23T10:30:00Z,2026-11-23T10:45:00Z
        a02,open,2026-11-23T09:00:00Z,2026-11-23T17:00:00Z
        """;

    public Task InitializeAsync()
    {
        _host = new WallboardHostFactory().With("Ingestion:ApiKeys:wfm", Key);
        _client = _host.CreateHttpClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private Task<HttpResponseMessage> PutAsync(string date, string body, string mediaType = "text/csv") =>
        _client.PutAsync(new Uri($"/api/schedules/{date}", UriKind.Relative), new StringContent(body, Encoding.UTF8, mediaType));

    private async Task<(string Source, string Csv)> GetAsync(string date)
    {
        var response = await _client.GetAsync(new Uri($"/api/schedules/{date}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (response.Headers.GetValues("X-Schedule-Source").Single(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_valid_schedule_replaces_the_day_and_is_read_back()
    {
        var put = await PutAsync("2026-11-23", Valid);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var (source, csv) = await GetAsync("2026-11-23");
        Assert.Equal("imported", source);
        Assert.Contains("a01,break,", csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_rejected_whole_naming_each_row_and_the_old_schedule_stays()
    {
        await PutAsync("2026-11-23", Valid);
        var bad = Valid + "\na03,nap,2026-11-23T09:00:00Z,2026-11-23T10:00:00Z\na02,break,2026-11-23T12:00:00Z,2026-11-23T12:15:00Z\n";

        var put = await PutAsync("2026-11-23", bad);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        using var body = JsonDocument.Parse(await put.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.GetProperty("field").GetString())).ToList();
        // CSV rows are lines from 1, the header included: line 5 names an unknown activity, line 6 overlaps a02's open.
        Assert.Contains((5, "activity"), errors);
        Assert.Contains(errors, e => e.Row == 6);
        var (_, csv) = await GetAsync("2026-11-23");
        Assert.DoesNotContain("a03", csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task The_same_schedule_as_json_is_accepted()
    {
        var json = """
            [ { "agentId": "a05", "activity": "open", "start": "2026-11-24T08:00:00Z", "end": "2026-11-24T12:00:00Z" } ]
            """;

        var put = await PutAsync("2026-11-24", json, "application/json");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Contains("a05,open,", (await GetAsync("2026-11-24")).Csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_without_an_imported_schedule_follows_the_configured_shift_patterns()
    {
        var (source, csv) = await GetAsync("2026-11-25");

        Assert.Equal("shift-patterns", source);
        Assert.Contains("a01,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_source_key_a_schedule_cannot_be_replaced()
    {
        using var anonymous = _host.CreateHttpClient();

        var put = await anonymous.PutAsync(new Uri("/api/schedules/2026-11-23", UriKind.Relative), new StringContent(Valid, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal("shift-patterns", (await GetAsync("2026-11-23")).Source);
    }

    [Fact]
    public async Task A_date_that_is_not_a_day_is_named()
    {
        var put = await PutAsync("23-11-2026", Valid);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("date: '23-11-2026' is not a day YYYY-MM-DD", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
