using CcWallboard.Host;
using Serilog;
using Serilog.Formatting.Compact;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddSerilog((services, logger) =>
    {
        logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
        if (string.Equals(builder.Configuration["LogFormat"], "json", StringComparison.OrdinalIgnoreCase))
        {
            logger.WriteTo.Console(new CompactJsonFormatter());
        }
        else
        {
            logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }
    }, preserveStaticLogger: true); // each host its own logger: hosts built in parallel (tests) would race to freeze the static one
    builder.AddCcWallboard();

    var app = builder.Build();
    app.UseSerilogRequestLogging();
    app.MapCcWallboard();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The host stopped: {Reason}", ex.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
