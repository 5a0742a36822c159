using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using CcWallboard.Core.Metrics;
using CcWallboard.Host.Hubs;
using CcWallboard.Host.Tests.Api;
using CcWallboard.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CcWallboard.Host.Tests.Hosting;

public class HubOriginTests
{
    private const string Foreign = "https://evil.example";
    private const string Allowed = "http://wallboard.floor.local:5080";

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient http, string hubPath, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{hubPath}/negotiate?negotiateVersion=1", UriKind.Relative));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData(WallboardHub.Path)]
    [InlineData(SupervisorHub.Path)]
    [InlineData(PlannerHub.Path)]
    public async Task Negotiate_from_a_foreign_origin_is_refused_with_a_problem_naming_Origin(string hubPath)
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();

        using var response = await NegotiateAsync(http, hubPath, Foreign);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith("Origin:", detail, StringComparison.Ordinal);
        Assert.Contains(Foreign, detail, StringComparison.Ordinal);
        Assert.Contains("Hosting:AllowedOrigins", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:1")]
    [InlineData("https://127.0.0.1")]
    public async Task Origins_that_only_resemble_the_host_are_refused(string origin)
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();

        using var response = await NegotiateAsync(http, WallboardHub.Path, origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Negotiate_from_the_hosts_own_origin_or_without_an_origin_is_allowed()
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();
        var own = host.Start().GetLeftPart(UriPartial.Authority);

        using var same = await NegotiateAsync(http, WallboardHub.Path, own);
        using var sameUpperCase = await NegotiateAsync(http, SupervisorHub.Path, own.ToUpperInvariant());
        using var none = await NegotiateAsync(http, PlannerHub.Path, null);

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameUpperCase.StatusCode);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
    }

    [Fact]
    public async Task Other_paths_are_not_checked()
    {
        await using var host = new WallboardHostFactory();
        using var http = host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/boards", UriKind.Relative));
        request.Headers.Add("Origin", Foreign);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_configured_origin_may_negotiate_and_others_still_may_not()
    {
        await using var host = new WallboardHostFactory()
            .With("Hosting:AllowedOrigins:0", Allowed)
            .With("Hosting:AllowedOrigins:1", "https://planning.example");
        using var http = host.CreateHttpClient();

        using var allowed = await NegotiateAsync(http, WallboardHub.Path, Allowed);
        using var second = await NegotiateAsync(http, PlannerHub.Path, "https://planning.example:443");
        using var foreign = await NegotiateAsync(http, WallboardHub.Path, Foreign);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task The_dotnet_client_without_an_origin_connects_and_joins_a_board()
    {
        await using var host = new WallboardHostFactory();
        await using var connection = host.CreateHubConnection();

        await connection.StartAsync();
        var snapshot = await connection.InvokeAsync<BoardSnapshot>("JoinBoard", "floor");

        Assert.Equal("floor", snapshot.Board);
    }

    [Fact]
    public async Task A_websocket_from_a_foreign_origin_is_refused_and_from_an_allowed_one_joins_a_board()
    {
        await using var host = new WallboardHostFactory().With("Hosting:AllowedOrigins:0", Allowed);
        var hub = new Uri(host.Start(), WallboardHub.Path);

        await using var foreign = Connect(hub, Foreign);
        await using var allowed = Connect(hub, Allowed);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => foreign.StartAsync());
        Assert.Contains("403", refused.ToString(), StringComparison.Ordinal);
        await allowed.StartAsync();
        Assert.Equal("floor", (await allowed.InvokeAsync<BoardSnapshot>("JoinBoard", "floor")).Board);
    }

    [Fact]
    public async Task A_raw_websocket_upgrade_from_a_foreign_origin_is_refused()
    {
        await using var host = new WallboardHostFactory();
        var ws = new UriBuilder(new Uri(host.Start(), WallboardHub.Path)) { Scheme = "ws" }.Uri;
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", Foreign);
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(ws, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Theory]
    [InlineData("wallboard.floor.local:5080")]
    [InlineData("http://wallboard.floor.local:5080/board")]
    [InlineData("ftp://wallboard.floor.local")]
    public async Task A_bad_allowed_origin_stops_the_host_naming_the_key(string origin)
    {
        var (exitCode, output) = await HostProcess.RunAsync(new Dictionary<string, string>
        {
            ["Hosting__AllowedOrigins__0"] = Allowed,
            ["Hosting__AllowedOrigins__1"] = origin,
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Hosting:AllowedOrigins:1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting:AllowedOrigins:0", output, StringComparison.Ordinal);
    }

    private static HubConnection Connect(Uri hub, string origin) =>
        new HubConnectionBuilder()
            .WithUrl(hub, options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["Origin"] = origin;
            })
            .Build();
}
