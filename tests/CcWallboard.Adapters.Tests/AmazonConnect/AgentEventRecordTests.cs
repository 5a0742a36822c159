using System.Text.Json.Nodes;
using CcWallboard.Adapters.AmazonConnect;
using static CcWallboard.Adapters.Tests.AmazonConnect.ConnectRecords;

namespace CcWallboard.Adapters.Tests.AmazonConnect;

public sealed class AgentEventRecordTests
{
    private static IReadOnlyList<string> ErrorsOf(JsonNode record) =>
        [.. AgentEventRecord.Parse(record.ToJsonString()).Errors.Select(e => e.Field)];

    [Fact]
    public void A_documented_record_reads_its_agent_event_time_status_and_contacts()
    {
        var record = Parse(new AgentStream("jdoe").Change(14, Status("Available", "ROUTABLE"),
            Contact("c-1", "CONNECTED_ONHOLD", 14, queuedAt: 2, connectedAt: 14, queue: "Sales", channel: "chat")));

        Assert.Equal(("jdoe-event-001", AgentEventType.StateChange, At(14), "jdoe"), (record.EventId, record.EventType, record.EventTimestamp, record.AgentId));
        Assert.Equal(new AgentStatus("Available", "ROUTABLE"), record.Current!.Status);
        var contact = Assert.Single(record.Current.Contacts);
        Assert.Equal(new AgentContact("c-1", ContactState.ConnectedOnHold, "CHAT", "INBOUND", At(14), At(14), At(2), QueueArn("Sales"), "Sales"), contact);
        Assert.Null(record.Previous);
    }

    [Fact]
    public void Every_missing_required_field_is_named()
    {
        Assert.Equal(["EventId", "EventType", "EventTimestamp", "CurrentAgentSnapshot"], ErrorsOf(new JsonObject()));
    }

    [Fact]
    public void Invalid_fields_inside_the_snapshot_are_named_with_their_path_and_reason()
    {
        var record = new AgentStream().Change(10, Available(),
            Contact("c-1", "CONNECTED", 10, connectedAt: 10),
            Contact("c-2", "CONNECTING", 10));
        var snapshot = record["CurrentAgentSnapshot"]!;
        snapshot["AgentStatus"]!.AsObject().Remove("Name");
        snapshot["Contacts"]![0]!["ConnectedToAgentTimestamp"] = "yesterday";
        snapshot["Contacts"]![1]!.AsObject().Remove("ContactId");
        snapshot["Contacts"]![1]!["State"] = 7;
        record["EventTimestamp"] = "2026-11-23 09:00";

        var errors = AgentEventRecord.Parse(record.ToJsonString()).Errors;

        Assert.Equal(
        [
            ("EventTimestamp", "'2026-11-23 09:00' is not an ISO 8601 time (e.g. 2019-05-25T18:55:27.017Z)"),
            ("CurrentAgentSnapshot.AgentStatus.Name", "is required"),
            ("CurrentAgentSnapshot.Contacts[0].ConnectedToAgentTimestamp", "'yesterday' is not an ISO 8601 time (e.g. 2019-05-25T18:55:27.017Z)"),
            ("CurrentAgentSnapshot.Contacts[1].ContactId", "is required"),
            ("CurrentAgentSnapshot.Contacts[1].State", "must be a string"),
        ], errors.Select(e => (e.Field, e.Reason)));
    }

    [Fact]
    public void An_unknown_event_type_is_refused_naming_the_valid_ones()
    {
        var record = new AgentStream().Login(0, Available());
        record["EventType"] = "COFFEE";

        var error = Assert.Single(AgentEventRecord.Parse(record.ToJsonString()).Errors);

        Assert.Equal("EventType", error.Field);
        Assert.Contains("LOGIN, LOGOUT, STATE_CHANGE or HEART_BEAT", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"record\"")]
    [InlineData("{\"EventId\":")]
    public void A_body_that_is_not_a_record_object_is_refused_as_a_whole(string json)
    {
        Assert.Equal("$", Assert.Single(AgentEventRecord.Parse(json).Errors).Field);
    }

    [Fact]
    public void The_agent_is_its_username_or_else_the_last_part_of_its_arn()
    {
        var record = new AgentStream("jdoe").Login(0, Available());
        Assert.Equal("jdoe", Parse(record).AgentId);

        record["CurrentAgentSnapshot"]!["Configuration"]!.AsObject().Remove("Username");
        Assert.Equal("jdoe-0000-1111", Parse(record).AgentId);

        record.Remove("AgentARN");
        Assert.Equal(["CurrentAgentSnapshot.Configuration.Username"], ErrorsOf(record));
    }

    [Fact]
    public void A_logout_needs_no_snapshot()
    {
        var record = Record("e-1", "LOGOUT", 10, current: null, previous: null);

        var parsed = Parse(record);

        Assert.Equal((AgentEventType.Logout, "jdoe-0000-1111"), (parsed.EventType, parsed.AgentId));
    }

    [Fact]
    public void Keys_and_enumerated_values_are_read_in_any_case_and_nulls_count_as_absent()
    {
        var record = (JsonObject)LowerCaseKeys(new AgentStream("jdoe").Change(5, Available(), Contact("c-1", "connected", 5, connectedAt: 5)))!;
        record["eventtype"] = "state_change";
        record["currentagentsnapshot"]!["contacts"]![0]!["initiationmethod"] = null;

        var parsed = Parse(record);

        Assert.Equal(AgentEventType.StateChange, parsed.EventType);
        var contact = Assert.Single(parsed.Current!.Contacts);
        Assert.Equal((ContactState.Connected, (string?)null, (DateTimeOffset?)null), (contact.State, contact.InitiationMethod, contact.QueueTimestamp));
    }

    [Theory]
    [InlineData("2019-05-25T18:55:27.017Z")]
    [InlineData("2019-05-25T18:55:27:017Z")] // as one version of the data model page writes it
    [InlineData("2019-05-25T18:55:27.017")]
    [InlineData("2019-05-25T20:55:27.017+02:00")]
    public void Event_times_read_as_the_documented_forms_write_them(string time)
    {
        var record = new AgentStream().Login(0, Available());
        record["EventTimestamp"] = time;

        Assert.Equal(new DateTimeOffset(2019, 5, 25, 18, 55, 27, 17, TimeSpan.Zero), Parse(record).EventTimestamp);
    }

    [Fact]
    public void A_contact_state_not_documented_here_is_read_as_unrecognized_not_refused()
    {
        var parsed = Parse(new AgentStream().Change(5, Available(), Contact("t-1", "SOMETHING_NEW", 5, channel: "TASK")));

        Assert.Equal(ContactState.Unrecognized, Assert.Single(parsed.Current!.Contacts).State);
    }
}
