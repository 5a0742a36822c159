using System.Text;
using CcWallboard.Adapters.Asterisk.Ami;

namespace CcWallboard.Adapters.Tests.Asterisk.Ami;

public sealed class AmiMessageTests
{
    [Fact]
    public void Packet_keeps_its_fields_in_order_with_repeats_and_looks_keys_up_ignoring_case()
    {
        Assert.True(AmiMessage.TryParse(["Event: VarSet", "Privilege: dialplan,all", "Variable: A", "Variable: B"], out var message, out _));

        Assert.Equal(["Event", "Privilege", "Variable", "Variable"], message.Fields.Select(f => f.Key));
        Assert.Equal("VarSet", message.Event);
        Assert.Equal("A", message["variable"]);
        Assert.Equal("dialplan,all", message["PRIVILEGE"]);
        Assert.Null(message.Response);
        Assert.Null(message["Missing"]);
    }

    [Fact]
    public void Value_is_trimmed_and_may_hold_colons()
    {
        Assert.True(AmiMessage.TryParse(["Response:Success", "Message:   Queue status: will follow  ", "Empty:"], out var message, out _));

        Assert.Equal("Success", message.Response);
        Assert.Equal("Queue status: will follow", message["Message"]);
        Assert.Equal("", message["Empty"]);
    }

    [Theory]
    [InlineData("Event: QueueCallerJoin|no colon here", "line 2 is not 'Key: Value'")]
    [InlineData("Event: QueueCallerJoin|  : value", "line 2 has no key")]
    [InlineData("Queue: sales|Uniqueid: 1", "neither an Event nor a Response")]
    [InlineData("Event: QueueCallerJoin|Queue: sa\rles", "line 2 holds a lone carriage return")]
    public void Packet_with_a_line_that_is_not_key_value_or_without_event_or_response_is_malformed(string lines, string reason)
    {
        Assert.False(AmiMessage.TryParse(lines.Split('|'), out var message, out var why));

        Assert.Null(message);
        Assert.StartsWith(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Action_goes_on_the_wire_as_crlf_lines_and_an_empty_line()
    {
        var action = AmiMessage.Of(("Action", "Login"), ("ActionID", "1"), ("Username", "wallboard"));

        Assert.Equal("Action: Login\r\nActionID: 1\r\nUsername: wallboard\r\n\r\n", action.ToWire());
    }

    [Fact]
    public void A_value_with_a_line_break_is_refused_so_no_field_can_be_smuggled_into_an_action()
    {
        Assert.Throws<ArgumentException>(() => AmiMessage.Of(("Action", "Login"), ("Secret", "x\r\nAction: Originate")));
        Assert.Throws<ArgumentException>(() => AmiMessage.Of(("Bad:Key", "x")));
    }

    [Fact]
    public async Task Reader_splits_packets_at_empty_lines_with_crlf_lf_or_both_and_passes_over_empty_lines_between()
    {
        var reader = Reader("\r\n\r\nEvent: A\r\nX: 1\r\n\r\nEvent: B\nX: 2\n\n\n\nResponse: Success\r\nX: 3\n\r\n");

        Assert.Equal(["Event: A", "X: 1"], (await reader.ReadFrameAsync(default))!.Lines);
        Assert.Equal(["Event: B", "X: 2"], (await reader.ReadFrameAsync(default))!.Lines);
        Assert.Equal(["Response: Success", "X: 3"], (await reader.ReadFrameAsync(default))!.Lines);
        Assert.Null(await reader.ReadFrameAsync(default));
    }

    [Fact]
    public async Task Reader_gives_a_packet_cut_short_by_the_end_of_the_stream_as_truncated()
    {
        var reader = Reader("Event: A\r\n\r\nEvent: B\r\nX: 1");

        Assert.Null((await reader.ReadFrameAsync(default))!.Defect);
        var cut = (await reader.ReadFrameAsync(default))!;
        Assert.True(cut.Truncated);
        Assert.Equal(["Event: B", "X: 1"], cut.Lines);
        Assert.Null(await reader.ReadFrameAsync(default));
    }

    [Fact]
    public async Task Reader_drops_a_packet_with_an_overlong_line_or_too_many_lines_and_reads_the_next_one()
    {
        var text = $"Event: A\r\nX: {new string('x', 500)}\r\nY: 1\r\n\r\nEvent: B\r\n\r\n{string.Concat(Enumerable.Repeat("Z: 1\r\n", 20))}\r\nEvent: C\r\n\r\n";
        var reader = new AmiFrameReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineBytes: 100, maxFrameLines: 10);

        var overlong = (await reader.ReadFrameAsync(default))!;
        Assert.True(overlong.Oversized);
        Assert.Empty(overlong.Lines);
        Assert.Equal(["Event: B"], (await reader.ReadFrameAsync(default))!.Lines);
        Assert.True((await reader.ReadFrameAsync(default))!.Oversized);
        Assert.Equal(["Event: C"], (await reader.ReadFrameAsync(default))!.Lines);
    }

    [Fact]
    public async Task Reader_joins_lines_and_utf8_characters_split_across_reads()
    {
        var reader = new AmiFrameReader(new TrickleStream(Encoding.UTF8.GetBytes("Event: Ünïcode\r\nName: Zoë Ω\r\n\r\n")));

        Assert.Equal(["Event: Ünïcode", "Name: Zoë Ω"], (await reader.ReadFrameAsync(default))!.Lines);
    }

    [Fact]
    public async Task Connection_reads_the_banner_then_skips_and_counts_malformed_packets()
    {
        var text = "Asterisk Call Manager/9.0.0\r\nnonsense\r\n\r\nEvent: A\r\n\r\nNo: event\r\n\r\nResponse: Success\r\n\r\n";
        await using var connection = await AmiConnection.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), default);

        Assert.Equal("Asterisk Call Manager/9.0.0", connection.Banner);
        Assert.Equal("A", (await connection.ReadAsync(default))!.Event);
        Assert.Equal("Success", (await connection.ReadAsync(default))!.Response);
        Assert.Null(await connection.ReadAsync(default));
        Assert.Equal((2L, 4L), (connection.MalformedFrames, connection.FramesRead));
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.6\r\n")]
    [InlineData("")]
    public async Task Connection_refuses_a_peer_whose_first_line_is_not_the_manager_banner(string text)
    {
        await Assert.ThrowsAsync<AmiProtocolException>(() => AmiConnection.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), default));
    }

    private static AmiFrameReader Reader(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    /// <summary>A stream that gives one byte a read.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
