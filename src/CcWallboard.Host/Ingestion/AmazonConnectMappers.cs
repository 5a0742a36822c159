using System.Collections.Concurrent;
using CcWallboard.Adapters.AmazonConnect;
using CcWallboard.Core.Events;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Ingestion;

/// <summary>
/// One <see cref="AgentEventMapper"/> per source, for the life of the host: each source's agents and contacts are
/// remembered apart, and one batch of a source is mapped at a time.
/// </summary>
public sealed class AmazonConnectMappers(IOptions<AgentEventMapperOptions> options)
{
    private readonly ConcurrentDictionary<string, SourceMapper> _sources = new(StringComparer.Ordinal);

    /// <summary>The events each record gives, in the batch's order; none for a record that could not be read (null).</summary>
    public IReadOnlyList<IReadOnlyList<AcdEvent>> Map(string source, IReadOnlyList<AgentEventRecord?> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var mapper = _sources.GetOrAdd(source, _ => new SourceMapper(new AgentEventMapper(options.Value)));
        lock (mapper.Gate)
        {
            return [.. records.Select(r => r is null ? [] : mapper.Mapper.Map(r))];
        }
    }

    private sealed class SourceMapper(AgentEventMapper mapper)
    {
        public AgentEventMapper Mapper { get; } = mapper;

        public Lock Gate { get; } = new();
    }
}

/// <summary>Reports every invalid <see cref="AgentEventMapperOptions"/> value at once, naming its configuration key.</summary>
public sealed class AgentEventMapperOptionsValidator : IValidateOptions<AgentEventMapperOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentEventMapperOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
