using CcWallboard.Adapters.Asterisk;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Adapters.Tests.Asterisk;

public sealed class QueueLogFollowerTests : IDisposable
{
    private const string Line1 = "1700000000|1700000000.1|support|NONE|ENTERQUEUE||5551234|1";
    private const string Line2 = "1700000004|1700000000.1|support|PJSIP/201|CONNECT|4|1700000004.2|3";
    private const string Line3 = "1700000064|1700000000.1|support|PJSIP/201|COMPLETEAGENT|4|60|1";
    private const string Line4 = "1700000070|1700000070.4|support|NONE|ENTERQUEUE||5559876|1";

    private readonly string _folder = Directory.CreateTempSubdirectory("ccwallboard-queuelog-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2023, 11, 14, 22, 0, 0, TimeSpan.Zero));

    private string QueueLogPath => Path.Combine(_folder, "queue_log");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Each_poll_gives_the_lines_completed_since_the_last_one()
    {
        Append(Line1 + "\n" + Line2 + "\n");
        using var follower = new QueueLogFollower(QueueLogPath, _time);

        Assert.Equal([Line1, Line2], follower.Poll());
        Assert.Empty(follower.Poll());
        Append(Line3 + "\n");
        Assert.Equal([Line3], follower.Poll());
    }

    [Fact]
    public void A_partial_line_is_held_back_until_its_line_break_arrives()
    {
        using var follower = new QueueLogFollower(QueueLogPath, _time);
        Append(Line1 + "\n" + Line2[..20]);

        Assert.Equal([Line1], follower.Poll());
        Append(Line2[20..40]);
        Assert.Empty(follower.Poll());
        Append(Line2[40..] + "\n" + Line3[..5]);
        Assert.Equal([Line2], follower.Poll());
    }

    [Fact]
    public void A_line_break_after_a_carriage_return_ends_the_line_without_it()
    {
        using var follower = new QueueLogFollower(QueueLogPath, _time);
        Append(Line1 + "\r\n" + Line2 + "\r\n");

        Assert.Equal([Line1, Line2], follower.Poll());
    }

    [Fact]
    public void A_file_that_does_not_exist_yet_gives_nothing_until_it_is_created()
    {
        using var follower = new QueueLogFollower(QueueLogPath, _time);

        Assert.Empty(follower.Poll());
        Append(Line1 + "\n");
        Assert.Equal([Line1], follower.Poll());
    }

    [Fact]
    public void A_rotation_reads_what_the_old_file_got_before_the_rename_then_the_new_file_from_its_start()
    {
        Append(Line1 + "\n");
        using var follower = new QueueLogFollower(QueueLogPath, _time);
        Assert.Equal([Line1], follower.Poll());

        Append(Line2 + "\n");
        File.Move(QueueLogPath, QueueLogPath + ".1");
        Append(Line3 + "\n" + Line4 + "\n");

        Assert.Equal([Line2, Line3, Line4], follower.Poll());
        Assert.Equal(1, follower.Rotations);
        Append("1700000080|NONE|NONE|NONE|CONFIGRELOAD|\n");
        Assert.Equal(["1700000080|NONE|NONE|NONE|CONFIGRELOAD|"], follower.Poll());
    }

    [Fact]
    public void While_the_renamed_file_has_no_successor_it_is_still_followed()
    {
        Append(Line1 + "\n");
        using var follower = new QueueLogFollower(QueueLogPath, _time);
        follower.Poll();
        File.Move(QueueLogPath, QueueLogPath + ".1");

        File.AppendAllText(QueueLogPath + ".1", Line2 + "\n");
        Assert.Equal([Line2], follower.Poll());
        Append(Line3 + "\n");
        Assert.Equal([Line3], follower.Poll());
        Assert.Equal(1, follower.Rotations);
    }

    [Fact]
    public void Lines_the_writer_still_adds_to_the_rotated_file_are_read_during_the_grace_period_and_not_after()
    {
        Append(Line1 + "\n");
        using var follower = new QueueLogFollower(QueueLogPath, _time, new QueueLogFollowerOptions { RotationGrace = TimeSpan.FromSeconds(10) });
        follower.Poll();
        File.Move(QueueLogPath, QueueLogPath + ".1");
        Append(Line3 + "\n");
        Assert.Equal([Line3], follower.Poll());

        File.AppendAllText(QueueLogPath + ".1", Line2 + "\n");
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([Line2], follower.Poll());

        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Empty(follower.Poll());
        File.AppendAllText(QueueLogPath + ".1", "1700000099|NONE|NONE|NONE|CONFIGRELOAD|\n");
        Assert.Empty(follower.Poll());
    }

    [Fact]
    public void A_partial_line_left_at_the_end_of_a_rotated_file_is_never_given()
    {
        Append(Line1 + "\n");
        using var follower = new QueueLogFollower(QueueLogPath, _time, new QueueLogFollowerOptions { RotationGrace = TimeSpan.Zero });
        follower.Poll();
        Append(Line2[..30]);
        File.Move(QueueLogPath, QueueLogPath + ".1");
        Append(Line3 + "\n");

        Assert.Equal([Line3], follower.Poll());
        Assert.Equal(1, follower.DroppedPartialLines);
    }

    [Fact]
    public void A_file_truncated_in_place_is_read_again_from_its_start()
    {
        Append(Line1 + "\n" + Line2 + "\n");
        using var follower = new QueueLogFollower(QueueLogPath, _time);
        follower.Poll();

        File.WriteAllText(QueueLogPath, "");
        Assert.Empty(follower.Poll());
        Append(Line3 + "\n");

        Assert.Equal([Line3], follower.Poll());
        Assert.Equal(1, follower.Truncations);
        Assert.Equal(0, follower.Rotations);
    }

    [Fact]
    public void A_file_truncated_and_regrown_past_the_old_position_between_two_polls_is_read_from_its_start()
    {
        Append(Line1 + "\n");
        using var follower = new QueueLogFollower(QueueLogPath, _time);
        follower.Poll();

        File.WriteAllText(QueueLogPath, Line3 + "\n" + Line4 + "\n");

        Assert.Equal([Line3, Line4], follower.Poll());
        Assert.Equal(1, follower.Truncations);
    }

    [Fact]
    public void Skipping_existing_lines_reads_only_what_is_written_after_the_start_including_a_line_then_being_written()
    {
        Append(Line1 + "\n" + Line2 + "\n" + Line3[..10]);
        using var follower = new QueueLogFollower(QueueLogPath, _time, new QueueLogFollowerOptions { SkipExistingLines = true });

        Assert.Empty(follower.Poll());
        Append(Line3[10..] + "\n" + Line4 + "\n");
        Assert.Equal([Line3, Line4], follower.Poll());
    }

    [Fact]
    public async Task Lines_stream_as_they_are_written_one_poll_per_interval_of_the_time_provider()
    {
        Append(Line1 + "\n");
        using var follower = new QueueLogFollower(QueueLogPath, _time, new QueueLogFollowerOptions { PollInterval = TimeSpan.FromSeconds(2) });
        using var stop = new CancellationTokenSource();
        await using var lines = follower.ReadLinesAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var patience = TimeSpan.FromSeconds(5);

        Assert.True(await lines.MoveNextAsync().AsTask().WaitAsync(patience));
        Assert.Equal(Line1, lines.Current);

        // The first MoveNextAsync ran up to the poll delay; the next one waits on it.
        var next = lines.MoveNextAsync().AsTask();
        Append(Line2 + "\n");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await next.WaitAsync(patience));
        Assert.Equal(Line2, lines.Current);

        var last = lines.MoveNextAsync().AsTask();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => last.WaitAsync(patience));
    }

    [Fact]
    public void The_session_written_in_odd_chunks_with_a_rotation_halfway_gives_the_same_events_as_importing_it()
    {
        var session = File.ReadAllText(QueueLog.SessionPath);
        var rotateAt = session.IndexOf('\n', session.Length / 2) + 1;
        var random = new Random(7);
        var mapper = new QueueLogMapper(TimeZoneInfo.Utc);
        var followed = new List<string>();
        using var follower = new QueueLogFollower(QueueLogPath, _time, new QueueLogFollowerOptions { RotationGrace = TimeSpan.Zero });

        for (var written = 0; written < session.Length;)
        {
            var end = Math.Min(session.Length, written + random.Next(1, 400));
            if (written < rotateAt && end >= rotateAt)
            {
                Append(session[written..rotateAt]);
                File.Move(QueueLogPath, QueueLogPath + ".1");
                written = rotateAt;
                continue;
            }
            Append(session[written..end]);
            written = end;
            foreach (var line in follower.Poll())
            {
                followed.AddRange(mapper.Map(line).Events.Select(e => e.Id));
            }
        }

        Assert.Equal(QueueLog.SessionEvents().Select(e => e.Id), followed);
        Assert.Equal(1, follower.Rotations);
    }

    private void Append(string text) => File.AppendAllText(QueueLogPath, text);
}
