using CcWallboard.Adapters.Cdr;
using CcWallboard.Core.Events;
using static CcWallboard.Adapters.Tests.Cdr.AnonbankRows;

namespace CcWallboard.Adapters.Tests.Cdr;

public sealed class AnonbankCallRecordTests
{
    // Line 4 of january_1999.tsv.
    private const string QueuedAgentRow = "AA0101 33118 27997683 2 PS 990101 6:55:20 6:55:26 6 6:55:26 6:55:43 17 AGENT 6:55:43 6:56:37 54 MICHAL";

    private static AnonbankCallRecord Read(string spaced) =>
        AnonbankCallRecord.Parse(Tsv(spaced)).Record ?? throw new InvalidOperationException("the row should be valid");

    private static IReadOnlyList<FieldError> ErrorsOf(string line)
    {
        var parsed = AnonbankCallRecord.Parse(line);
        Assert.Null(parsed.Record);
        return parsed.Errors;
    }

    [Fact]
    public void A_row_reads_into_its_fields_with_times_placed_on_its_date()
    {
        var record = Read(QueuedAgentRow);

        Assert.Equal(new AnonbankCallRecord("AA0101", "33118", "990101", 2, "PS", AnonbankOutcome.Agent, "MICHAL",
            new DateTime(1999, 1, 1, 6, 55, 20), new DateTime(1999, 1, 1, 6, 55, 26), new DateTime(1999, 1, 1, 6, 55, 43),
            new DateTime(1999, 1, 1, 6, 55, 43), new DateTime(1999, 1, 1, 6, 56, 37)), record);
        Assert.True(record.Queued);
        Assert.True(record.ServiceRecorded);
        Assert.Equal("990101-AA0101-33118", record.ContactId);
    }

    [Fact]
    public void Zero_queue_times_mean_the_call_never_queued_and_zero_service_times_mean_none_was_recorded()
    {
        // Line 1593: served by GILI, but neither queue nor service times.
        var record = Read("AA0102 28609 0 0 PS 990104 13:39:21 13:39:30 9 0:00:00 0:00:00 0 AGENT 0:00:00 0:00:00 0 GILI");

        Assert.False(record.Queued);
        Assert.Null(record.QueueExit);
        Assert.False(record.ServiceRecorded);
        Assert.Null(record.ServiceExit);
    }

    [Fact]
    public void A_time_more_than_twelve_hours_before_the_vru_entry_lies_on_the_next_day()
    {
        // Line 28023: queued 23:59:28 on 9 January, answered 35 s later (q_time 35), service ended 0:00:55 (ser_time 52).
        var record = Read("AA0213 12511 35796002 1 PS 990109 23:59:23 23:59:23 0 23:59:28 0:00:03 35 AGENT 0:00:03 0:00:55 52 ANAT");

        Assert.Equal(new DateTime(1999, 1, 9, 23, 59, 28), record.QueueStart);
        Assert.Equal(new DateTime(1999, 1, 10, 0, 0, 3), record.QueueExit);
        Assert.Equal(new DateTime(1999, 1, 10, 0, 0, 55), record.ServiceExit);
    }

    [Fact]
    public void A_vru_exit_a_little_before_the_vru_entry_is_clock_skew_not_a_day_change()
    {
        // Line 637: vru_time -37, queue entered 37 s "before" the call reached the VRU.
        var record = Read("AA0101 33757 33044546 1 PS 990113 15:46:01 15:45:24 -37 15:45:24 15:46:41 77 HANG 0:00:00 0:00:00 0 NO_SERVER");

        Assert.Equal(new DateTime(1999, 1, 13, 15, 45, 24), record.QueueStart);
        Assert.Equal(TimeSpan.FromSeconds(77), record.QueueExit - record.QueueStart);
    }

    [Fact]
    public void The_header_line_is_recognised()
    {
        Assert.True(AnonbankCallRecord.IsHeader(Tsv(Header)));
        Assert.False(AnonbankCallRecord.IsHeader(Tsv(QueuedAgentRow)));
    }

    [Fact]
    public void A_row_with_a_space_where_a_tab_belongs_has_the_wrong_field_count()
    {
        var line = Tsv(QueuedAgentRow).Replace("\t6:55:20\t", "\t6:55:20 ", StringComparison.Ordinal);

        var error = Assert.Single(ErrorsOf(line));

        Assert.Equal(new FieldError("fields", "expected 17 TAB-separated fields, found 16"), error);
    }

    [Theory]
    [InlineData("date", "990132", "'990132' is not a date yymmdd")]
    [InlineData("date", "1999-01-01", "'1999-01-01' is not a date yymmdd")]
    [InlineData("vru_entry", "6:5:20", "'6:5:20' is not a time h:mm:ss")]
    [InlineData("q_exit", "6:55:60", "'6:55:60' is not a time h:mm:ss")]
    [InlineData("ser_start", "24:00:00", "'24:00:00' is not a time h:mm:ss")]
    [InlineData("ser_exit", "", "'' is not a time h:mm:ss")]
    [InlineData("outcome", "BUSY", "unknown outcome 'BUSY'; expected AGENT, HANG or PHANTOM")]
    [InlineData("server", "", "an AGENT row must name its server (NO_SERVER when none is known)")]
    [InlineData("priority", "high", "'high' is not a whole number")]
    [InlineData("type", " ", "is empty")]
    [InlineData("call_id", "", "is empty")]
    public void A_malformed_field_is_named_with_the_reason(string field, string bad, string reason)
    {
        var cells = Tsv(QueuedAgentRow).Split('\t');
        cells[Array.IndexOf(Header.Split(' '), field)] = bad;

        var error = Assert.Single(ErrorsOf(string.Join('\t', cells)));

        Assert.Equal(new FieldError(field, reason), error);
    }

    [Fact]
    public void Every_malformed_field_of_a_row_is_reported_at_once()
    {
        var line = Tsv("AA0101 33118 27997683 2 PS 99010 6:55:20 6:55:26 6 6:55 6:55:43 17 AGENT 6:55:43 6:56:37 54 X").Replace("\tX", "\t", StringComparison.Ordinal);

        var errors = ErrorsOf(line);

        Assert.Equal(["date", "q_start", "server"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_queued_row_that_leaves_the_queue_before_it_entered_it_is_malformed()
    {
        var errors = ErrorsOf(Tsv("AA0101 1 0 0 PS 990101 10:00:00 10:00:05 5 10:00:05 10:00:01 0 HANG 0:00:00 0:00:00 0 NO_SERVER"));

        Assert.Equal(new FieldError("q_exit", "'10:00:01' is before q_start '10:00:05'"), Assert.Single(errors));
    }
}
