namespace CcWallboard.Cli;

/// <summary>
/// The options after a command word: <c>--name value</c> or <c>--name=value</c> for the command's value options,
/// and <c>-h</c>/<c>--help</c>. Anything else is rejected with a message naming it.
/// </summary>
internal sealed class CommandLineOptions
{
    private readonly Dictionary<string, string> _values;

    private readonly HashSet<string> _flags;

    private CommandLineOptions(Dictionary<string, string> values, HashSet<string> flags, IReadOnlyList<string> arguments, bool help)
    {
        Arguments = arguments;
        _values = values;
        _flags = flags;
        Help = help;
    }

    /// <summary>The plain arguments, in order.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>True when the flag (an option without a value) was given.</summary>
    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>True when help was asked for.</summary>
    public bool Help { get; }

    /// <summary>The value given for an option, or null when it was not given.</summary>
    public string? Get(string name) => _values.GetValueOrDefault(name);

    public static CommandLineOptions Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions) =>
        Parse(args, valueOptions, [], 0);

    public static CommandLineOptions Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions,
        int maxArguments)
    {
        var arguments = new List<string>();
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(valueOptions);
        ArgumentNullException.ThrowIfNull(flagOptions);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                help = true;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arguments.Count >= maxArguments)
                {
                    throw new CommandLineException($"unexpected argument '{arg}'");
                }
                arguments.Add(arg);
                continue;
            }
            if (flagOptions.Contains(arg))
            {
                if (!flags.Add(arg))
                {
                    throw new CommandLineException($"{arg}: given more than once");
                }
                continue;
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (!valueOptions.Contains(name))
            {
                throw new CommandLineException($"unknown option '{name}'");
            }
            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new CommandLineException($"{name}: a value is required");
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new CommandLineException($"{name}: a value is required");
            }
            if (!values.TryAdd(name, value))
            {
                throw new CommandLineException($"{name}: given more than once");
            }
        }
        return new CommandLineOptions(values, flags, arguments, help);
    }
}
