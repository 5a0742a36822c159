namespace CcWallboard.Core.Metrics;

/// <summary>Binary reading and writing helpers shared by the parts of a metrics checkpoint.</summary>
internal static class CheckpointFormat
{
    public static void Write(this BinaryWriter writer, in OutcomeCounters c)
    {
        writer.Write(c.Answered);
        writer.Write(c.AnsweredWithinThreshold);
        writer.Write(c.Abandoned);
        writer.Write(c.AbandonedWithinThreshold);
        writer.Write(c.ShortAbandoned);
        writer.Write(c.TransferredOut);
        writer.Write(c.AnsweredWaitSeconds);
        writer.Write(c.Handled);
        writer.Write(c.HandleSeconds);
    }

    public static OutcomeCounters ReadCounters(this BinaryReader reader) => new()
    {
        Answered = reader.ReadInt32(),
        AnsweredWithinThreshold = reader.ReadInt32(),
        Abandoned = reader.ReadInt32(),
        AbandonedWithinThreshold = reader.ReadInt32(),
        ShortAbandoned = reader.ReadInt32(),
        TransferredOut = reader.ReadInt32(),
        AnsweredWaitSeconds = reader.ReadDouble(),
        Handled = reader.ReadInt32(),
        HandleSeconds = reader.ReadDouble(),
    };

    public static void WriteNullable(this BinaryWriter writer, string? text)
    {
        writer.Write(text is not null);
        if (text is not null)
        {
            writer.Write(text);
        }
    }

    public static string? ReadNullableString(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    public static void Write(this BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static void ReadInto(this BinaryReader reader, double[] values)
    {
        var count = reader.ReadInt32();
        if (count != values.Length)
        {
            throw new InvalidDataException($"checkpoint holds {count} intervals, expected {values.Length}");
        }
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadDouble();
        }
    }
}
