using CcWallboard.Host.Hubs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Testing;

/// <summary>
/// The real host (Program) on a real Kestrel port, with the example centre of config/, settings for the test,
/// and optionally a <see cref="FakeTimeProvider"/> as its clock. The simulator is off unless a test turns it on.
/// </summary>
public sealed class WallboardHostFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Simulator:Enabled"] = "false",
        ["Urls"] = "http://127.0.0.1:0",
    };

    private Uri? _address;

    public WallboardHostFactory(FakeTimeProvider? time = null, string? redisConnectionString = null)
    {
        Time = time;
        UseKestrel(0);
        if (redisConnectionString is not null)
        {
            _settings["ConnectionStrings:Redis"] = redisConnectionString;
        }
    }

    /// <summary>The host's clock, when a test drives it.</summary>
    public FakeTimeProvider? Time { get; }

    /// <summary>Sets a configuration key (same keys as config/centre.json and appsettings.json) before the host starts.</summary>
    public WallboardHostFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Starts the host on a free loopback port and returns its address.</summary>
    public Uri Start()
    {
        if (_address is null)
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            _address = new Uri(addresses.First());
        }
        return _address;
    }

    /// <summary>A real SignalR client of the wallboard hub (not yet started).</summary>
    public HubConnection CreateHubConnection() =>
        new HubConnectionBuilder().WithUrl(new Uri(Start(), WallboardHub.Path)).Build();

    public HttpClient CreateHttpClient() => new() { BaseAddress = Start() };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        if (_settings.TryGetValue("CentreConfigFile", out var centreFile))
        {
            // Read while Program builds its configuration (before the test's in-memory settings are added).
            builder.UseSetting("CentreConfigFile", centreFile);
        }
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        if (Time is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
        }
    }
}
