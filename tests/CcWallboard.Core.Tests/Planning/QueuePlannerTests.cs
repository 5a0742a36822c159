using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Planning;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Planning;

/// <summary>
/// The planner's figures on the published Erlang C load (100 calls in 30 minutes, AHT 180 s, 80 % in 20 s: 10 Erlangs,
/// 14 agents, SL 88.84 %), played through the real metrics engine.
/// </summary>
public sealed class QueuePlannerTests
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Ten.AddMinutes(15);

    private static readonly QueueSettings Sales = new() { Id = "sales", Name = "Sales", ServiceLevelSeconds = 20, ServiceLevelTargetPercent = 80 };

    private static readonly CentreOptions Options = new()
    {
        Centre = new CentreSettings { TimeZone = "UTC", IntervalMinutes = 30, SlidingWindowsMinutes = [15, 30] },
        Queues = [Sales],
        Agents = [.. Enumerable.Range(1, 14).Select(i => new AgentSettings { Id = $"a{i}", Queues = ["sales"] })],
        Planning = new PlanningSettings { ObservedMinutes = 15 },
    };

    private static readonly DayForecast Forecast = new(new DateOnly(2026, 11, 23), ForecastSources.Imported,
        new Dictionary<string, IReadOnlyList<ForecastInterval>>
        {
            ["sales"] =
            [
                new(Ten.AddMinutes(-30), Ten, 80, 200),
                new(Ten, Ten.AddMinutes(30), 100, 180),
                new(Ten.AddMinutes(30), Ten.AddMinutes(60), 120, 180),
            ],
        });

    /// <summary>
    /// 14 agents available from 08:00; from 10:00 to 10:15 fifty calls (one every 18 s, 200 an hour) each answered
    /// after 5 s and still in conversation at 10:15 (so no AHT is observed and the forecast's 180 s is used).
    /// </summary>
    private static QueuePlan PlanAtQuarterPast(AgentsRequiredMemo? memo = null)
    {
        var calendar = CentreCalendar.For(Options.Centre);
        var metrics = new CentreMetrics(Options, calendar, Ten.AddHours(-2));
        var day = new PlannerDay(Options, calendar, new DateOnly(2026, 11, 23));
        var events = new List<AcdEvent>();
        events.AddRange(Options.Agents.Select(a => new AgentStateChanged($"s-{a.Id}", Ten.AddHours(-2), a.Id, AgentState.Available)));
        for (var i = 0; i < 50; i++)
        {
            var at = Ten.AddSeconds(18 * i);
            events.Add(new ContactQueued($"q{i}", at, $"c{i}", "sales"));
            events.Add(new ContactAnswered($"a{i}", at.AddSeconds(5), $"c{i}", "sales", $"a{(i % 14) + 1}"));
        }
        foreach (var e in events.OrderBy(e => e.At))
        {
            metrics.Offer(e);
            day.Apply(e);
        }
        metrics.AdvanceTo(Now);
        day.AdvanceTo(Now);
        var engine = metrics.Engine;
        var inputs = new QueuePlanner.Inputs(Sales, day, Forecast, engine.IntervalsOf("sales", Now)!, engine.ViewOf("sales", Now)!,
            Options.Planning, calendar.TimeZone, calendar.IntervalLength, memo);
        return QueuePlanner.Plan(inputs, Now);
    }

    [Fact]
    public void Agents_required_now_is_erlang_c_at_the_observed_rate_and_aht()
    {
        var now = PlanAtQuarterPast().Now;

        Assert.Equal(200, now.ObservedArrivalsPerHour, 9);
        Assert.Null(now.ObservedAhtSeconds);
        Assert.Equal(180, now.ForecastAhtSeconds);
        Assert.Equal(10, now.TrafficErlangs!.Value, 9);
        Assert.Equal(14, now.AgentsRequired);
        Assert.Equal(14, now.AgentsAvailable);
        Assert.Equal(14, now.AgentsStaffed);
    }

    [Fact]
    public void Arrivals_are_judged_against_the_forecast_for_the_same_part_of_the_interval()
    {
        var now = PlanAtQuarterPast().Now;

        Assert.Equal(Ten, now.IntervalStart);
        Assert.Equal(50, now.Arrivals);
        Assert.Equal(50, now.ForecastArrivalsToNow!.Value, 9);
        Assert.Equal(100, now.ForecastOffered);
        Assert.Equal(100, now.ArrivalsVsForecastPercent!.Value, 9);
        Assert.Equal(200, now.ForecastArrivalsPerHour!.Value, 9);
    }

    [Fact]
    public void The_projected_service_level_adds_the_rest_of_the_interval_at_erlang_c_service_level()
    {
        var now = PlanAtQuarterPast().Now;

        // So far 50 of 50 answered within 20 s; 50 more expected in the last 15 minutes, 88.84 % of them in time with
        // 14 agents at 10 Erlangs: (50 + 0.8884 × 50) / 100.
        Assert.Equal(100, now.ServiceLevelPercent);
        Assert.Equal(94.42, now.ProjectedServiceLevelPercent!.Value, 2);
    }

    [Fact]
    public void Intervals_show_actual_beside_forecast_and_staffing_and_the_rest_of_the_day_as_forecast_only()
    {
        var plan = PlanAtQuarterPast();
        var earlier = plan.Intervals.Single(i => i.Start == Ten.AddMinutes(-30));
        var current = plan.Intervals.Single(i => i.Start == Ten);
        var later = plan.Intervals.Single(i => i.Start == Ten.AddMinutes(30));

        Assert.Equal(48, plan.Intervals.Count);
        Assert.Equal((IntervalPhases.Closed, 0, 80.0, 14.0), (earlier.Phase, earlier.Arrivals, earlier.ForecastOffered, earlier.AgentsStaffed));
        Assert.Equal((IntervalPhases.Current, 50, 100.0, 14), (current.Phase, current.Arrivals, current.ForecastOffered, current.AgentsRequiredForecast));
        Assert.Equal(14, current.AgentsRequiredActual);
        Assert.Equal(14.0, current.AgentsStaffed);
        Assert.Equal(IntervalPhases.Future, later.Phase);
        Assert.Null(later.Arrivals);
        Assert.Null(later.AgentsStaffed);
        Assert.Equal(120, later.ForecastOffered);
        Assert.Null(plan.Intervals[0].ForecastOffered);
    }

    [Fact]
    public void Agents_required_follow_the_published_figures()
    {
        Assert.Equal(14, QueuePlanner.AgentsRequired(10, 180, Sales));
        Assert.Equal(28, QueuePlanner.AgentsRequired(250 * 330 / 3600.0, 330, new QueueSettings { ServiceLevelSeconds = 30, ServiceLevelTargetPercent = 80 }));
        Assert.Equal(0, QueuePlanner.AgentsRequired(0, 180, Sales));
        Assert.Null(QueuePlanner.AgentsRequired(10, null, Sales));
        Assert.Null(QueuePlanner.AgentsRequired(10, 180, new QueueSettings { ServiceLevelTargetPercent = 100 }));
    }

    [Fact]
    public void The_csv_export_has_one_row_per_interval_with_empty_cells_for_no_value()
    {
        var csv = PlannerCsv.Write(PlanAtQuarterPast()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(PlannerCsv.Header, csv[0]);
        Assert.Equal(49, csv.Length);
        Assert.Equal("sales,2026-11-23T10:00:00+00:00,2026-11-23T10:30:00+00:00,current,50,100,50,,180,100,80,14,14,14", csv[21]);
        Assert.Equal("sales,2026-11-23T10:30:00+00:00,2026-11-23T11:00:00+00:00,future,,120,,,180,,80,16,,", csv[22]);
    }

    [Fact]
    public void A_plan_built_with_the_memo_of_a_live_planner_is_the_plan_built_without_it()
    {
        var memo = new AgentsRequiredMemo();
        var direct = System.Text.Json.JsonSerializer.Serialize(PlanAtQuarterPast());

        Assert.Equal(direct, System.Text.Json.JsonSerializer.Serialize(PlanAtQuarterPast(memo)));
        Assert.Equal(direct, System.Text.Json.JsonSerializer.Serialize(PlanAtQuarterPast(memo)));
        Assert.Equal(14, memo.AgentsRequired(10, 180, Sales));
        Assert.Equal(QueuePlanner.AgentsRequired(37.5, 200, Sales), memo.AgentsRequired(37.5, 200, Sales));
    }
}
