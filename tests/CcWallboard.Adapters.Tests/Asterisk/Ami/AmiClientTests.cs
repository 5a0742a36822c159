using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using CcWallboard.Adapters.Asterisk.Ami;
using CcWallboard.Core.Events;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Adapters.Tests.Asterisk.Ami;

/// <summary>
/// <see cref="AmiClient"/> against a scripted manager interface on the loopback that plays the recorded session
/// (stamped with its queue_log times). Back-off waits run on a <see cref="FakeTimeProvider"/> that starts when the
/// session's queues started; the tests advance it only once the client says it is waiting.
/// </summary>
public sealed class AmiClientTests
{
    private readonly FakeTimeProvider _time = new(AmiSession.Start);

    [Fact]
    public async Task Client_logs_in_with_username_secret_and_action_id_then_asks_for_queue_status()
    {
        await using var server = new ScriptedAmiServer();
        using var client = Client(server);
        await using var run = AmiClientRun.Start(client);

        await run.StatusAsync(s => s.State == AmiConnectionState.InStep);

        var actions = server.Actions.ToList();
        Assert.Equal("Login", actions[0]["Action"]);
        Assert.Equal("wallboard", actions[0]["Username"]);
        Assert.Equal("s3cret", actions[0]["Secret"]);
        Assert.False(string.IsNullOrEmpty(actions[0].ActionId));
        Assert.Equal("QueueStatus", actions[1]["Action"]);
        Assert.NotEqual(actions[0].ActionId, actions[1].ActionId);
        Assert.Null(actions[1]["Queue"]);
    }

    [Fact]
    public async Task Session_played_over_tcp_gives_the_same_queue_figures_as_the_queue_log()
    {
        await using var server = new ScriptedAmiServer();
        using var client = Client(server);
        await using var run = AmiClientRun.Start(client);

        await server.Played.WaitAsync(AmiClientRun.Patience);
        await run.CaughtUpWithAsync(server);

        var (fromAmi, replay) = QueueLog.Replay(run.Events, QueueLog.AsteriskSales());
        var (fromQueueLog, _) = QueueLog.Replay(QueueLog.SessionEvents(), QueueLog.AsteriskSales());
        var today = fromAmi.Queues["sales"].Today;
        Assert.Equal((295, 290, 5), (today.Offered, today.Answered, today.Abandoned));
        Assert.Equal(fromQueueLog.Queues["sales"].Today.AsaSeconds, today.AsaSeconds);
        Assert.Equal(100.0, today.ServiceLevelPercent);
        AmiSessionTests.AssertSameFigures(fromQueueLog, fromAmi);
        Assert.Equal(0, replay.Metrics!.Engine.Orphans);
        Assert.Equal((1, 0L, 0L), (server.Connections, client.Counters.MalformedFrames, client.Counters.RejectedEvents));
    }

    [Fact]
    public async Task First_queue_status_tells_the_state_of_every_member_at_connection_time()
    {
        await using var server = new ScriptedAmiServer();
        using var client = Client(server);
        await using var run = AmiClientRun.Start(client);

        await run.StatusAsync(s => s.State == AmiConnectionState.InStep);
        await run.UntilAsync(() => run.Events.Count >= 17, "the members' states");

        var states = run.Events.Take(17).Cast<AgentStateChanged>().ToList();
        Assert.Equal(Enumerable.Range(1, 17).Select(n => $"Agent{n:00}"), states.Select(s => s.AgentId));
        Assert.All(states, s => Assert.Equal((AgentState.Available, AmiSession.Start), (s.State, s.At)));
        Assert.Equal(17, client.Counters.ResyncEvents);
    }

    [Fact]
    public async Task Dropped_connection_is_reopened_after_a_backoff_logged_in_again_resynchronised_and_the_figures_still_equal()
    {
        // Dropped while c00040b waits (it abandons 8 s later) and while agents are on calls, then once more later on.
        var waiting = AmiSession.IndexOf("QueueCallerJoin", "c00040b") + 1;
        await using var server = new ScriptedAmiServer(new ScriptOptions { DropAfter = [waiting, 900] });
        using var client = Client(server);
        await using var run = AmiClientRun.Start(client);
        Assert.NotEmpty(AmiSession.StateAfter(waiting).InCall);

        foreach (var drop in new[] { 1, 2 })
        {
            var waitingStatus = await run.StatusAsync(s => s.State == AmiConnectionState.WaitingToReconnect);
            Assert.Equal(drop, server.Connections);
            Assert.Equal("the server closed the connection", waitingStatus.Error);
            Assert.Equal(1, waitingStatus.Failures);
            Assert.InRange(waitingStatus.RetryIn!.Value, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1));
            _time.Advance(waitingStatus.RetryIn.Value);
            await run.StatusAsync(s => s.State == AmiConnectionState.InStep);
        }
        await server.Played.WaitAsync(AmiClientRun.Patience);
        await run.CaughtUpWithAsync(server);

        var (fromAmi, _) = QueueLog.Replay(run.Events, QueueLog.AsteriskSales());
        var (fromQueueLog, _) = QueueLog.Replay(QueueLog.SessionEvents(), QueueLog.AsteriskSales());
        AmiSessionTests.AssertSameFigures(fromQueueLog, fromAmi);
        Assert.Equal((3, 3, 2L, 3L), (server.Connections, server.LoginsAccepted, client.Counters.Disconnects, client.Counters.Resyncs));
        Assert.Equal(17, client.Counters.ResyncEvents); // the first answer's member states only: the later ones agreed
        Assert.Equal(3, server.Actions.Count(a => a["Action"] == "Login"));
        Assert.Equal(3, server.Actions.Count(a => a["Action"] == "QueueStatus"));
    }

    [Fact]
    public async Task Events_lost_while_disconnected_are_put_right_by_the_queue_status_answer()
    {
        // The connection drops right after c00040b joins (c00039b waits too), and comes back once c00043b has joined.
        // Lost meanwhile: c00039b answered by Agent02, c00040b abandoned, c00041b, c00042b and c00043b joined, calls
        // answered and ended.
        var dropAt = AmiSession.IndexOf("QueueCallerJoin", "c00040b") + 1;
        var resumeAt = AmiSession.IndexOf("QueueCallerJoin", "c00043b") + 1;
        await using var server = new ScriptedAmiServer(new ScriptOptions { DropAfter = [dropAt], ResumeAt = new Dictionary<int, int> { [dropAt] = resumeAt } });
        using var client = Client(server);
        await using var run = AmiClientRun.Start(client);
        var before = AmiSession.StateAfter(dropAt);
        var after = AmiSession.StateAfter(resumeAt);

        var waitingStatus = await run.StatusAsync(s => s.State == AmiConnectionState.WaitingToReconnect);
        await run.CaughtUpWithAsync(server);
        var seenBefore = run.Events.Count;
        Assert.True(after.Now - _time.GetUtcNow() > waitingStatus.RetryIn);
        _time.Advance(after.Now - _time.GetUtcNow()); // the client comes back when c00043b has joined
        await run.UntilAsync(() => client.Counters.Resyncs == 2, "the second resynchronisation");
        var resync = run.Events.Skip(seenBefore).Take((int)client.Counters.ResyncEvents - 17).ToList();

        Assert.Equal(["c00039b", "c00040b"], before.Waiting.Select(w => w.CallId));
        Assert.Equal(["c00041b", "c00042b", "c00043b"], after.Waiting.Select(w => w.CallId));
        var gone = resync.OfType<ContactAbandoned>().ToList();
        Assert.Equal(["c00039b", "c00040b"], gone.Select(a => a.ContactId)); // c00039b was answered, unseen: counted as abandoned
        Assert.All(gone, a => Assert.Equal(after.Now, a.At));
        var found = resync.OfType<ContactQueued>().ToList();
        Assert.Equal(["c00041b", "c00042b", "c00043b"], found.Select(q => q.ContactId));
        Assert.All(found, q => Assert.Equal(AmiSession.TimeOf(after.Waiting.Single(w => w.CallId == q.ContactId).Join), q.At));
        var moved = before.InCall.ToHashSet();
        moved.SymmetricExceptWith(after.InCall);
        Assert.Equal(moved.Order(StringComparer.Ordinal), resync.OfType<AgentStateChanged>().Select(s => s.AgentId));
        var statesThen = run.Events.Take(seenBefore + resync.Count).OfType<AgentStateChanged>().GroupBy(s => s.AgentId).ToDictionary(g => g.Key, g => g.Last().State);
        foreach (var agent in Enumerable.Range(1, 17).Select(n => $"Agent{n:00}"))
        {
            Assert.Equal(after.InCall.Contains(agent) ? AgentState.OnContact : AgentState.Available, statesThen[agent]);
        }

        await server.Played.WaitAsync(AmiClientRun.Patience);
        await run.CaughtUpWithAsync(server);
        Assert.All(Enumerable.Range(1, 17), n => Assert.Equal(AgentState.Available, client.Mapper.StateOf($"Agent{n:00}")!.Value.State));
        Assert.Equal(0, client.Mapper.WaitingCallers);
    }

    [Fact]
    public async Task Refused_login_is_reported_and_retried_after_growing_waits_never_in_a_tight_loop()
    {
        await using var server = new ScriptedAmiServer(new ScriptOptions { RefuseFirstLogins = 3 });
        using var client = Client(server);
        await using var run = AmiClientRun.Start(client);

        var waits = new List<TimeSpan>();
        for (var failure = 1; failure <= 3; failure++)
        {
            var status = await run.StatusAsync(s => s.State == AmiConnectionState.WaitingToReconnect && s.Failures == failure);
            Assert.Contains("Authentication failed", status.Error, StringComparison.Ordinal);
            Assert.Equal(failure, client.Counters.LoginFailures);
            waits.Add(status.RetryIn!.Value);

            await Task.Delay(200);
            Assert.Equal(failure, server.Connections); // no new attempt before the wait is over
            _time.Advance(status.RetryIn.Value - TimeSpan.FromTicks(1));
            await Task.Delay(100);
            Assert.Equal(failure, server.Connections);
            _time.Advance(TimeSpan.FromTicks(1));
            await run.UntilAsync(() => server.Connections == failure + 1, $"attempt {failure + 1}");
        }
        await run.StatusAsync(s => s.State == AmiConnectionState.InStep);

        Assert.Equal((3, 1), (server.LoginsRefused, server.LoginsAccepted));
        Assert.InRange(waits[0], TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1));
        Assert.InRange(waits[1], TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2));
        Assert.InRange(waits[2], TimeSpan.FromSeconds(3.2), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A_wrong_secret_is_reported_as_a_refused_login()
    {
        await using var server = new ScriptedAmiServer();
        using var client = Client(server, secret: "wrong");
        await using var run = AmiClientRun.Start(client);

        var status = await run.StatusAsync(s => s.State == AmiConnectionState.WaitingToReconnect);

        Assert.Equal("login refused: Response: Error, Message: Authentication failed", status.Error);
        Assert.Equal((1L, 0L, 0L), (client.Counters.LoginFailures, client.Counters.Logins, client.Counters.EventsEmitted));
    }

    [Fact]
    public async Task A_peer_that_is_not_a_manager_interface_counts_as_a_failed_connection_and_is_retried()
    {
        await using var server = new ScriptedAmiServer(new ScriptOptions { Banner = "SSH-2.0-OpenSSH_9.6" });
        using var client = Client(server);
        await using var run = AmiClientRun.Start(client);

        var status = await run.StatusAsync(s => s.State == AmiConnectionState.WaitingToReconnect);

        Assert.Contains("not a manager interface", status.Error, StringComparison.Ordinal);
        Assert.Equal((1L, 0L), (client.Counters.ConnectFailures, client.Counters.LoginFailures));
        _time.Advance(status.RetryIn!.Value);
        await run.UntilAsync(() => client.Counters.ConnectFailures == 2, "the second attempt");
    }

    [Fact]
    public async Task A_refused_connection_is_retried_with_backoff()
    {
        int port;
        await using (var closed = new ScriptedAmiServer())
        {
            port = closed.Port;
        }
        using var client = new AmiClient(Options(port), _time, new Random(1));
        await using var run = AmiClientRun.Start(client);

        var status = await run.StatusAsync(s => s.State == AmiConnectionState.WaitingToReconnect);

        Assert.Equal(1, client.Counters.ConnectFailures);
        Assert.Contains("SocketException", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_packets_are_counted_and_skipped_and_the_figures_still_equal()
    {
        var raw = new Dictionary<int, IReadOnlyList<string>>
        {
            [10] = ["this line has no colon\r\n\r\n"],
            [20] = ["Foo: bar\r\nBaz: qux\r\n\r\n"],
            [30] = ["Event: QueueCallerJoin\r\nPrivilege: agent,all\r\nQueue: sales\r\nUniqueid: x\r\n" + new string('A', 100_000) + "\r\n\r\n"],
            [40] = [": no key\r\n\r\n", "\r\n\r\n\r\n"],
            [50] = ["Event: QueueCallerJoin\r\nPrivilege: agent,all\r\nQueue: sales\r\n\r\n"], // well framed, but no Uniqueid
            [60] = ["Event: AgentConnect\r\nPrivilege: agent,all\r\nTimestamp: yesterday\r\nQueue: sales\r\nUniqueid: y\r\nMemberName: Agent01\r\n\r\n"],
        };
        await using var server = new ScriptedAmiServer(new ScriptOptions { RawPacketsBefore = raw });
        using var client = Client(server);
        await using var run = AmiClientRun.Start(client);

        await server.Played.WaitAsync(AmiClientRun.Patience);
        await run.UntilAsync(() => client.Counters.FramesHandled == server.FramesSent - 1, "every packet but the empty lines");

        Assert.Equal(4, client.Counters.MalformedFrames);
        Assert.Equal(2, client.Counters.RejectedEvents);
        var (fromAmi, _) = QueueLog.Replay(run.Events, QueueLog.AsteriskSales());
        var (fromQueueLog, _) = QueueLog.Replay(QueueLog.SessionEvents(), QueueLog.AsteriskSales());
        AmiSessionTests.AssertSameFigures(fromQueueLog, fromAmi);
    }

    [Fact]
    public async Task A_server_that_ends_lines_with_lf_only_gives_the_same_figures()
    {
        await using var server = new ScriptedAmiServer(new ScriptOptions { LineEnding = "\n" });
        using var client = Client(server);
        await using var run = AmiClientRun.Start(client);

        await server.Played.WaitAsync(AmiClientRun.Patience);
        await run.CaughtUpWithAsync(server);

        var (fromAmi, _) = QueueLog.Replay(run.Events, QueueLog.AsteriskSales());
        var (fromQueueLog, _) = QueueLog.Replay(QueueLog.SessionEvents(), QueueLog.AsteriskSales());
        AmiSessionTests.AssertSameFigures(fromQueueLog, fromAmi);
        Assert.Equal(0, client.Counters.MalformedFrames);
    }

    [Fact]
    public async Task A_refused_queue_status_is_noted_and_the_events_still_flow()
    {
        await using var server = new ScriptedAmiServer(new ScriptOptions { RefuseQueueStatus = true });
        using var client = Client(server);
        await using var run = AmiClientRun.Start(client);

        await server.Played.WaitAsync(AmiClientRun.Patience);
        await run.CaughtUpWithAsync(server);

        Assert.Equal("QueueStatus refused: Permission denied", client.Counters.LastProblem);
        Assert.Equal((AmiConnectionState.Connected, 0L), (client.CurrentStatus.State, client.Counters.Resyncs));
        var (fromAmi, _) = QueueLog.Replay(run.Events, QueueLog.AsteriskSales());
        var (fromQueueLog, _) = QueueLog.Replay(QueueLog.SessionEvents(), QueueLog.AsteriskSales());
        AmiSessionTests.AssertSameFigures(fromQueueLog, fromAmi);
    }

    [Fact]
    public async Task Cancelling_the_reader_stops_the_client()
    {
        await using var server = new ScriptedAmiServer();
        using var client = Client(server);
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in client.ReadEventsAsync(stop.Token))
            {
            }
        });
        await client.Status.FirstAsync(s => s.State == AmiConnectionState.InStep).ToTask().WaitAsync(AmiClientRun.Patience);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(AmiClientRun.Patience));
        Assert.Equal(AmiConnectionState.Stopped, client.CurrentStatus.State);
    }

    [Fact]
    public void Waits_double_from_the_initial_delay_up_to_30_seconds_less_at_most_the_jitter()
    {
        using var client = new AmiClient(Options(5038), _time, new Random(3));

        for (var failure = 1; failure <= 40; failure++)
        {
            var step = Math.Min(Math.Pow(2, failure - 1), 30);
            Assert.InRange(client.ReconnectDelay(failure).TotalSeconds, step * 0.8, step);
        }
        using var exact = new AmiClient(new AmiClientOptions { Username = "u", ReconnectJitter = 0 }, _time);
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(f => exact.ReconnectDelay(f).TotalSeconds));
    }

    [Fact]
    public void Options_report_every_problem_at_once_naming_the_option()
    {
        var options = new AmiClientOptions
        {
            Host = "",
            Port = 0,
            Username = "",
            Secret = "a\r\nAction: Originate",
            InitialReconnectDelay = TimeSpan.Zero,
            ReconnectJitter = 1,
        };

        var errors = options.Validate();

        Assert.Equal(["Host", "Port", "Username", "Secret", "InitialReconnectDelay", "ReconnectJitter"], errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Throws<ArgumentException>(() => new AmiClient(options, _time));
    }

    private AmiClient Client(ScriptedAmiServer server, string secret = "s3cret") =>
        new(Options(server.Port, secret), _time, new Random(7));

    private static AmiClientOptions Options(int port, string secret = "s3cret") => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Username = "wallboard",
        Secret = secret,
    };
}
