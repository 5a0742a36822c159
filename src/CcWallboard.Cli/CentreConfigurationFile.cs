using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using Microsoft.Extensions.Configuration;

namespace CcWallboard.Cli;

/// <summary>
/// Reads a centre configuration file (the keys of config/centre.json, case-insensitive) into <see cref="CentreOptions"/>
/// and checks it with <see cref="CentreOptionsValidator"/>. Every command that needs the centre loads it here.
/// </summary>
internal static class CentreConfigurationFile
{
    /// <summary>
    /// The options, or every problem found: a file that cannot be read or parsed is one error naming the file; a
    /// value that does not fit its setting, or a setting that breaks a rule, names its key (e.g. <c>Centre:TimeZone</c>).
    /// </summary>
    public static LoadedCentreConfiguration Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            return LoadedCentreConfiguration.Failed(new FieldError(path, "the file does not exist"));
        }
        var options = new CentreOptions();
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(fullPath, optional: false, reloadOnChange: false)
                .Build();
            configuration.Bind(options);
        }
        catch (InvalidDataException ex)
        {
            return LoadedCentreConfiguration.Failed(new FieldError(path, ex.InnerException?.Message ?? ex.Message));
        }
        catch (FormatException ex)
        {
            return LoadedCentreConfiguration.Failed(new FieldError(path, ex.Message));
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key: "Failed to convert configuration value '…' at 'Centre:IntervalMinutes' to type …".
            return LoadedCentreConfiguration.Failed(new FieldError(path, ex.Message));
        }
        catch (IOException ex)
        {
            return LoadedCentreConfiguration.Failed(new FieldError(path, ex.Message));
        }
        catch (UnauthorizedAccessException ex)
        {
            return LoadedCentreConfiguration.Failed(new FieldError(path, ex.Message));
        }
        var errors = CentreOptionsValidator.Validate(options);
        return errors.Count == 0 ? new LoadedCentreConfiguration(options, []) : new LoadedCentreConfiguration(null, errors);
    }
}

internal static class CentreConfigurationReport
{
    /// <summary>The options, or null after writing every error (key and reason) to the command's standard error.</summary>
    public static CentreOptions? LoadOrReport(string path, CliContext context, string command)
    {
        ArgumentNullException.ThrowIfNull(context);
        var loaded = CentreConfigurationFile.Load(path);
        if (loaded.Options is { } options)
        {
            return options;
        }
        context.Error.Write($"{CliApplication.ToolName} {command}: the configuration '{path}' is not valid:\n");
        foreach (var error in loaded.Errors)
        {
            context.Error.Write($"{error.Field}: {error.Reason}\n");
        }
        return null;
    }
}

/// <summary>A loaded centre configuration: the options when valid, otherwise every error (key and reason).</summary>
internal sealed record LoadedCentreConfiguration(CentreOptions? Options, IReadOnlyList<FieldError> Errors)
{
    public static LoadedCentreConfiguration Failed(FieldError error) => new(null, [error]);
}
