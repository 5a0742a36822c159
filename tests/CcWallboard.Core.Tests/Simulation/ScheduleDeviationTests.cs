using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using static CcWallboard.Core.Tests.Simulation.ExampleCentre;

namespace CcWallboard.Core.Tests.Simulation;

public sealed class ScheduleDeviationTests
{
    private static readonly DateOnly Date = new(2026, 11, 23);

    [Fact]
    public void Without_deviations_every_agent_logs_in_on_time_and_takes_no_personal_time()
    {
        var day = new SimulatedDay(Date, deviationProbability: 0);

        foreach (var shift in day.Shifts.GroupBy(a => a.AgentId))
        {
            var login = day.AgentStates[shift.Key].First(e => e.At >= shift.First().Start && e.State != AgentState.LoggedOut);
            Assert.Equal(shift.First().Start, login.At);
        }
        Assert.DoesNotContain(day.Events.OfType<AgentStateChanged>(), e => e.Reason == "personal");
    }

    [Fact]
    public void When_every_agent_deviates_each_day_differs_from_the_schedule()
    {
        var day = new SimulatedDay(Date, deviationProbability: 1);
        var kinds = new Dictionary<string, int>();

        foreach (var shift in day.Shifts.GroupBy(a => a.AgentId).Where(s => s.Last().End < day.End))
        {
            var states = day.AgentStates[shift.Key].ToList();
            var start = shift.First().Start;
            var end = shift.Last().End;
            var lunch = shift.Single(a => a.Activity == "lunch");
            var login = states.First(e => e.At >= start && e.State != AgentState.LoggedOut).At;
            var logout = states.First(e => e.At > login && e.State == AgentState.LoggedOut);
            var lunchEnd = states.SkipWhile(e => e.Reason != "lunch").Skip(1).FirstOrDefault()?.At;

            var kind =
                login > start ? "late login" :
                states.Any(e => e.Reason == "personal") ? "personal" :
                logout.At < end ? "leaving early" :
                lunchEnd > lunch.End.AddMinutes(4) ? "long lunch" : "none";
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        Assert.False(kinds.ContainsKey("none"), string.Join(", ", kinds));
        Assert.Equal(4, kinds.Count);
    }

    [Fact]
    public void Deviations_are_fixed_per_agent_and_date_whatever_the_start()
    {
        var options = Load(deviationProbability: 1);
        var early = options.Agents.Where(a => a.ShiftId == "early").Select(a => a.Id).ToHashSet();
        var simulator = new FloorSimulator(options);

        var fromMidnight = Logins(simulator.Run(Local(2026, 11, 23, 0), Local(2026, 11, 23, 7)));
        var fromFive = Logins(simulator.Run(Local(2026, 11, 23, 5), Local(2026, 11, 23, 7)));

        Assert.Equal(12, fromMidnight.Count);
        Assert.Equal(fromMidnight, fromFive);
        Assert.Contains(fromMidnight, login => login.Value > Local(2026, 11, 23, 6)); // someone was late

        Dictionary<string, DateTimeOffset> Logins(IEnumerable<AcdEvent> events) =>
            events.OfType<AgentStateChanged>()
                .Where(e => early.Contains(e.AgentId) && e.At >= Local(2026, 11, 23, 6) && e.State != AgentState.LoggedOut)
                .GroupBy(e => e.AgentId)
                .ToDictionary(g => g.Key, g => g.First().At);
    }

    [Theory]
    [InlineData(2026, 3, 29)]
    [InlineData(2026, 10, 25)]
    public void A_daylight_saving_change_day_runs_its_shifts_on_the_local_clock(int year, int month, int dayOfMonth)
    {
        var day = new SimulatedDay(new DateOnly(year, month, dayOfMonth), deviationProbability: 0);

        var early = day.AgentStates["a01"].First(e => e.State == AgentState.Available);
        Assert.Equal(Local(year, month, dayOfMonth, 6), early.At);
        var nightLogout = day.AgentStates["a55"].First(e => e.State == AgentState.LoggedOut && e.At > day.Start);
        Assert.True(nightLogout.At >= Local(year, month, dayOfMonth, 6, 30));
        Assert.Equal((month == 3 ? 23 : 25), (day.End - day.Start).TotalHours);
        Assert.True(day.Events.OfType<ContactQueued>().Count() > 3500);
    }
}
