namespace CcWallboard.Adapters.Tests;

public sealed class SharedDataTests
{
    [Fact]
    public void The_recorded_asterisk_session_and_the_bank_records_are_found_from_the_test_binaries()
    {
        Assert.StartsWith("1795421237|NONE|NONE|NONE|QUEUESTART", File.ReadLines(SharedData.PathOf("asterisk", "session-a.queue_log")).First(), StringComparison.Ordinal);
        Assert.Contains("call_id", File.ReadLines(SharedData.PathOf("anonbank", "january_1999.tsv")).First(), StringComparison.Ordinal);
    }
}
