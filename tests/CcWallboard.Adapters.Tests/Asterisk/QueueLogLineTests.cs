using CcWallboard.Adapters.Asterisk;

namespace CcWallboard.Adapters.Tests.Asterisk;

public sealed class QueueLogLineTests
{
    [Fact]
    public void A_line_splits_into_its_five_fixed_fields_and_its_data_with_empty_fields_kept()
    {
        Assert.True(QueueLogLine.TryParse("1795421245|c00001b|sales|NONE|ENTERQUEUE|||1", out var line, out _));

        Assert.Equal(("1795421245", "c00001b", "sales", "NONE", "ENTERQUEUE"), (line.EpochText, line.CallId, line.Queue, line.Agent, line.Event));
        Assert.Equal(["", "", "1"], line.Data);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_795_421_245), line.At);
        Assert.Equal("1", line.DataAt(2));
        Assert.Equal("", line.DataAt(7));
        Assert.False(line.HasAgent);
        Assert.True(line.HasCall && line.HasQueue);
    }

    [Fact]
    public void A_line_with_nothing_after_the_event_has_no_data()
    {
        Assert.True(QueueLogLine.TryParse("1795421237|NONE|NONE|NONE|QUEUESTART", out var line, out _));

        Assert.Empty(line.Data);
        Assert.False(line.HasCall || line.HasQueue || line.HasAgent);
    }

    [Theory]
    [InlineData("1700000000.5", 500)]
    [InlineData("1700000000.123456", 123.456)]
    [InlineData("1700000000", 0)]
    public void The_epoch_may_carry_a_fraction_of_a_second(string epoch, double milliseconds)
    {
        Assert.True(QueueLogLine.TryParse($"{epoch}|NONE|NONE|NONE|QUEUESTART", out var line, out _));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond)), line.At);
        Assert.Equal(epoch, line.EpochText);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1e9")]
    [InlineData("+1700000000")]
    [InlineData("1,700,000,000")]
    [InlineData("1700000000.1.2")]
    [InlineData("99999999999999")]
    public void An_epoch_that_is_not_plain_seconds_since_1970_is_malformed(string epoch)
    {
        Assert.False(QueueLogLine.TryParse($"{epoch}|NONE|NONE|NONE|QUEUESTART", out _, out var reason));

        Assert.Equal($"epoch '{epoch}' is not a number of seconds since 1970", reason);
    }
}
