using System.Net;
using System.Text.Json;
using CcWallboard.Core.Staffing;
using CcWallboard.Testing;

namespace CcWallboard.Host.Tests.Api;

/// <summary><c>GET /api/staffing/erlang</c> on the real host (Kestrel on a loopback port).</summary>
public sealed class StaffingApiTests
{
    private const string Published = "/api/staffing/erlang?calls=100&intervalMinutes=30&aht=180&slSeconds=20&slTarget=80";

    [Fact]
    public async Task The_published_load_needs_14_agents_and_20_staff_at_30_percent_shrinkage()
    {
        var (status, root) = await GetAsync(Published + "&shrinkage=30");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("erlang-c", root.GetProperty("model").GetString());
        Assert.Equal(10, root.GetProperty("trafficErlangs").GetDouble(), 12);
        Assert.Equal(14, root.GetProperty("agentsRequired").GetInt32());
        Assert.Equal(20, root.GetProperty("staffRequired").GetInt32());
        Assert.Equal(0.1741, root.GetProperty("probabilityOfWaiting").GetDouble(), 4);
        Assert.Equal(88.84, root.GetProperty("serviceLevelPercent").GetDouble(), 2);
        Assert.Equal(7.84, root.GetProperty("asaSeconds").GetDouble(), 2);
        Assert.Equal(71.43, root.GetProperty("occupancyPercent").GetDouble(), 2);
        Assert.True(root.GetProperty("meetsTarget").GetBoolean());
        Assert.False(root.TryGetProperty("probabilityOfAbandon", out _));
    }

    [Fact]
    public async Task The_api_answers_the_same_json_as_the_command()
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();
        using var response = await http.GetAsync(new Uri(Published + "&maxOccupancy=70&patience=300", UriKind.Relative));
        var cli = StaffingResult.For(new(100, 30, 180, 20, 80, MaxOccupancyPercent: 70, PatienceSeconds: 300)).ToJson();

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(cli, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Erlang_a_with_14_agents_gives_the_published_probabilities_of_waiting_and_abandoning()
    {
        var (status, root) = await GetAsync(Published + "&agents=14&patience=300");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("erlang-a", root.GetProperty("model").GetString());
        Assert.Equal(14, root.GetProperty("agentsRequired").GetInt32());
        Assert.Equal(0.14526, root.GetProperty("probabilityOfWaiting").GetDouble(), 5);
        Assert.Equal(0.013984, root.GetProperty("probabilityOfAbandon").GetDouble(), 6);
    }

    [Fact]
    public async Task Agents_below_the_traffic_answer_an_unstable_queue_with_null_service_level()
    {
        var (status, root) = await GetAsync(Published + "&agents=10");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1.0, root.GetProperty("probabilityOfWaiting").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("serviceLevelPercent").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("asaSeconds").ValueKind);
        Assert.False(root.GetProperty("meetsTarget").GetBoolean());
    }

    [Theory]
    [InlineData("&slTarget=120", "slTarget", "must be above 0 and below 100, not 120")]
    [InlineData("&agents=many", "agents", "'many' is not a whole number")]
    [InlineData("&patience=0", "patience", "must be above 0 and at most 86400 seconds, not 0")]
    [InlineData("&calls=", "calls", "required")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string change, string parameter, string message)
    {
        var name = change[1..change.IndexOf('=', StringComparison.Ordinal)];
        var query = string.Join('&', Published.Split('?')[1].Split('&').Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal)));
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();
        using var response = await http.GetAsync(new Uri($"/api/staffing/erlang?{query}{change}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = problem.RootElement;
        Assert.Equal(400, root.GetProperty("status").GetInt32());
        Assert.Equal([message], root.GetProperty("errors").GetProperty(parameter).EnumerateArray().Select(e => e.GetString()));
        Assert.Contains($"{parameter}: {message}", root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_missing_parameter_is_named_at_once()
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();
        using var response = await http.GetAsync(new Uri("/api/staffing/erlang?calls=100", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["intervalMinutes", "aht", "slSeconds", "slTarget"],
            problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Root)> GetAsync(string path)
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
