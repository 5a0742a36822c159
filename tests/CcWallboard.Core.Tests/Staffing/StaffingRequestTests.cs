using CcWallboard.Core.Staffing;

namespace CcWallboard.Core.Tests.Staffing;

public sealed class StaffingRequestTests
{
    private static readonly Dictionary<string, string> Published = new()
    {
        ["calls"] = "100", ["intervalMinutes"] = "30", ["aht"] = "180", ["slSeconds"] = "20", ["slTarget"] = "80",
    };

    private static StaffingRequestReading Read(Dictionary<string, string> values) => StaffingRequest.Read(values.GetValueOrDefault);

    private static Dictionary<string, string> PublishedWith(string name, string value) => new(Published) { [name] = value };

    [Fact]
    public void The_published_load_reads_with_defaults_for_the_optional_parameters()
    {
        var reading = Read(Published);

        Assert.Empty(reading.Errors);
        Assert.Equal(new StaffingRequest(100, 30, 180, 20, 80), reading.Request);
        Assert.Equal(10, reading.Request!.TrafficErlangs, 12);
    }

    [Fact]
    public void Every_optional_parameter_reads_in_invariant_notation()
    {
        var reading = Read(new(Published) { ["shrinkage"] = "30", ["maxOccupancy"] = "85.5", ["agents"] = "14", ["patience"] = "300" });

        Assert.Equal(new StaffingRequest(100, 30, 180, 20, 80, 30, 85.5, 14, 300), reading.Request);
    }

    [Theory]
    [InlineData("slTarget", "120", "must be above 0 and below 100, not 120")]
    [InlineData("slTarget", "0", "must be above 0 and below 100, not 0")]
    [InlineData("calls", "-5", "must be above 0, not -5")]
    [InlineData("calls", "lots", "'lots' is not a number")]
    [InlineData("calls", "NaN", "'NaN' is not a number")]
    [InlineData("intervalMinutes", "0", "must be above 0 and at most 1440 (a day), not 0")]
    [InlineData("aht", "1e6", "must be above 0 and at most 86400 seconds, not 1000000")]
    [InlineData("slSeconds", "-1", "must be at least 0 and at most 86400 seconds, not -1")]
    [InlineData("shrinkage", "100", "must be at least 0 and below 100, not 100")]
    [InlineData("maxOccupancy", "101", "must be above 0 and at most 100, not 101")]
    [InlineData("agents", "12.5", "'12.5' is not a whole number")]
    [InlineData("agents", "0", "must be at least 1 and at most 1000000, not 0")]
    [InlineData("patience", "0", "must be above 0 and at most 86400 seconds, not 0")]
    public void A_bad_value_is_named_with_its_rule_and_what_was_given(string name, string value, string message)
    {
        var reading = Read(PublishedWith(name, value));

        Assert.Null(reading.Request);
        Assert.Equal([new StaffingParameterError(name, message)], reading.Errors);
    }

    [Fact]
    public void Every_missing_required_parameter_is_reported_at_once()
    {
        var reading = Read(new() { ["calls"] = "100", ["slTarget"] = "120" });

        Assert.Null(reading.Request);
        Assert.Equal(["intervalMinutes: required", "aht: required", "slSeconds: required", "slTarget: must be above 0 and below 100, not 120"],
            reading.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Traffic_beyond_the_calculator_s_reach_is_refused_against_the_calls()
    {
        var reading = Read(PublishedWith("calls", "1e9"));

        var error = Assert.Single(reading.Errors);
        Assert.Equal("calls", error.Parameter);
        Assert.Equal("the traffic (calls × aht ÷ interval) must be at most 100000 Erlangs, not 100000000", error.Message);
    }
}
