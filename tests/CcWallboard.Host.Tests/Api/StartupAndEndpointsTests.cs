using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CcWallboard.Testing;

namespace CcWallboard.Host.Tests.Api;

public class StartupAndEndpointsTests
{
    [Theory]
    [InlineData("Centre__TimeZone", "Mars/Olympus_Mons", "Centre:TimeZone")]
    [InlineData("Queues__0__Id", "", "Queues:0:Id")]
    [InlineData("Queues__1__ServiceLevelSeconds", "-5", "Queues:1:ServiceLevelSeconds")]
    [InlineData("Centre__IntervalMinutes", "20", "Centre:IntervalMinutes")]
    [InlineData("Boards__0__Queues__0", "nowhere", "Boards:0:Queues:0")]
    public async Task A_bad_configuration_stops_the_host_process_with_a_message_naming_the_key(string variable, string value, string named)
    {
        var (exitCode, output) = await HostProcess.RunAsync(new Dictionary<string, string> { [variable] = value });

        Assert.NotEqual(0, exitCode);
        Assert.Contains(named + ":", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_on_the_embedded_store()
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Readiness_fails_while_the_configured_redis_does_not_answer_but_liveness_holds()
    {
        await using var host = new WallboardHostFactory(redisConnectionString: "127.0.0.1:1,connectTimeout=200");
        using var http = host.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_board_page_is_served_for_a_configured_board_and_404_otherwise()
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();

        var page = await http.GetAsync(new Uri("/board/floor", UriKind.Relative));
        var missing = await http.GetAsync(new Uri("/board/basement", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("basement", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_libraries_are_served_from_the_host_not_a_cdn()
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();

        var html = await http.GetStringAsync(new Uri("/board/floor", UriKind.Relative));
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.StartsWith("/", src, StringComparison.Ordinal));
        Assert.All(scripts, src => Assert.False(src.StartsWith("//", StringComparison.Ordinal), src));
        foreach (var src in scripts)
        {
            var response = await http.GetAsync(new Uri(src, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{src}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_api_returns_the_boards_snapshot_as_json()
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();

        using var snapshot = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/boards/floor", UriKind.Relative)));
        var boards = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/boards", UriKind.Relative));

        Assert.Equal("floor", snapshot.RootElement.GetProperty("board").GetString());
        Assert.Equal(["sales", "service", "billing"], snapshot.RootElement.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, snapshot.RootElement.GetProperty("totals").GetProperty("today").GetProperty("serviceLevelPercent").ValueKind);
        Assert.Equal("/board/floor", boards[0].GetProperty("url").GetString());
    }
}
