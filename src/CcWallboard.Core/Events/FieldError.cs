namespace CcWallboard.Core.Events;

/// <summary>Why one input was rejected: the field (a JSON name or configuration key) and the reason.</summary>
public sealed record FieldError(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}
