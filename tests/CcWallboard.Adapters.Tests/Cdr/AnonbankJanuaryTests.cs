using System.Globalization;
using System.Text.Json;
using CcWallboard.Adapters.Cdr;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Replay;

namespace CcWallboard.Adapters.Tests.Cdr;

/// <summary>
/// The real January 1999 records, converted and replayed, against the figures anonbank_expected.py worked out from
/// the raw file without the C# code (regenerate with <c>python3 anonbank_expected.py</c> in this folder).
/// </summary>
public sealed class AnonbankJanuaryTests(AnonbankJanuary january) : IClassFixture<AnonbankJanuary>
{
    [Fact]
    public void Rows_fall_into_the_categories_the_script_counted()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["lines"] = january.Lines.Count, ["header"] = 1, ["malformed"] = 0 };
        void Count(string category) => counts[category] = counts.GetValueOrDefault(category) + 1;
        foreach (var line in january.Lines.Skip(1))
        {
            if (AnonbankCallRecord.Parse(line).Record is not { } record)
            {
                Count("malformed");
                continue;
            }
            Count((record.Outcome, record.Queued) switch
            {
                (AnonbankOutcome.Agent, true) => "agentQueued",
                (AnonbankOutcome.Agent, false) => "agentNotQueued",
                (AnonbankOutcome.Hang, true) => "hangQueued",
                (AnonbankOutcome.Hang, false) => "hangNotQueued",
                _ => "phantom",
            });
            if (record.Outcome != AnonbankOutcome.Agent)
            {
                continue;
            }
            if (!record.ServiceRecorded)
            {
                Count(record.Queued ? "agentQueuedWithoutService" : "agentNotQueuedWithoutService");
            }
            if (AnonbankFormat.WhyNoEvents(record) is not null)
            {
                continue;
            }
            if (record.ServiceExit < (record.QueueExit ?? record.ServiceStart))
            {
                Count("endedClampedToAnswer");
            }
            if (record.Server == AnonbankCallRecord.NoServer)
            {
                Count("agentNoServer");
            }
        }
        counts["rowsPastMidnight"] = january.Events.OfType<ContactEvent>()
            .Where(e => AnonbankJanuary.LocalDate(e) != DateOnly.ParseExact(e.ContactId[..6], "yyMMdd", CultureInfo.InvariantCulture))
            .Select(e => e.ContactId).Distinct().Count();

        var expected = january.Expected.GetProperty("rows").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(expected.OrderBy(p => p.Key), counts.OrderBy(p => p.Key));
    }

    [Fact]
    public void The_import_summary_and_the_events_by_type_equal_the_scripts_counts()
    {
        var import = january.Expected.GetProperty("import");
        Assert.Equal(new ImportSummary(import.GetProperty("lines").GetInt64(), import.GetProperty("events").GetInt64(),
            import.GetProperty("skipped").GetInt64(), import.GetProperty("malformed").GetInt64()), january.Summary);
        Assert.Equal(january.Summary.Skipped + january.Summary.Malformed, january.Skipped.Count);

        var expected = january.Expected.GetProperty("events");
        foreach (var type in new[] { EventTypes.ContactQueued, EventTypes.ContactAnswered, EventTypes.ContactAbandoned, EventTypes.ContactEnded })
        {
            Assert.Equal(expected.GetProperty(type).GetInt32(), january.Events.Count(e => e.Type == type));
        }
        Assert.DoesNotContain(january.Events, e => e is AgentStateChanged or ContactTransferred);
    }

    [Fact]
    public void Talk_time_from_answer_to_end_sums_to_the_scripts_total()
    {
        var answered = january.Events.OfType<ContactAnswered>().ToDictionary(e => e.ContactId, e => e.At);

        var talk = january.Events.OfType<ContactEnded>().Sum(e => (long)(e.At - answered[e.ContactId]).TotalSeconds);

        Assert.Equal(january.Expected.GetProperty("events").GetProperty("talkSeconds").GetInt64(), talk);
        Assert.All(january.Events.OfType<ContactEnded>(), e => Assert.True(e.At >= answered[e.ContactId], e.Id));
    }

    [Fact]
    public void Queue_and_service_times_placed_on_their_days_agree_with_the_durations_the_file_records()
    {
        var checkedRows = 0;
        foreach (var line in january.Lines.Skip(1))
        {
            var record = AnonbankCallRecord.Parse(line).Record!;
            var cells = line.Split('\t');
            if (record.Queued)
            {
                Assert.Equal(int.Parse(cells[11], CultureInfo.InvariantCulture), (record.QueueExit - record.QueueStart)!.Value.TotalSeconds);
            }
            if (record is { Outcome: AnonbankOutcome.Agent, ServiceRecorded: true })
            {
                Assert.Equal(int.Parse(cells[15], CultureInfo.InvariantCulture), (record.ServiceExit - record.ServiceStart)!.Value.TotalSeconds);
                checkedRows++;
            }
        }
        Assert.Equal(27018, checkedRows);
    }

    [Fact]
    public void Events_are_in_time_order_with_queued_before_outcomes_before_ends_and_every_id_is_unique()
    {
        static int Rank(AcdEvent e) => e switch { ContactQueued => 0, ContactEnded => 2, _ => 1 };
        for (var i = 1; i < january.Events.Count; i++)
        {
            var (before, after) = (january.Events[i - 1], january.Events[i]);
            Assert.True(before.At < after.At || (before.At == after.At && Rank(before) <= Rank(after)), $"{before.Id} then {after.Id}");
        }
        Assert.Equal(january.Events.Count, january.Events.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("1999-01-02")] // Saturday (weekend in Israel): 253 rows.
    [InlineData("1999-01-03")] // Sunday, a working day and the month's busiest: 2,111 rows.
    [InlineData("1999-01-13")] // Wednesday: 1,757 rows, a poor service level.
    public void A_day_replayed_through_DayReplay_gives_the_scripts_figures_for_the_day_and_each_interval(string day)
    {
        var date = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var replay = new DayReplay(january.Centre);
        long lineNumber = 0;
        foreach (var e in january.Events.Where(e => AnonbankJanuary.LocalDate(e) == date))
        {
            Assert.Null(replay.ReadLine(AcdEventJson.ToJson(e), ++lineNumber));
        }

        var result = replay.Finish()!;

        Assert.Equal(date, replay.Day!.Value.Date);
        Assert.Equal(0L, replay.OutsideDay);
        Assert.Equal(0L, replay.Metrics!.Engine.Orphans);
        using var actual = JsonDocument.Parse(result.ToJson());
        Figures.AssertMatch(january.Expected.GetProperty("chosenDays").GetProperty(day), actual.RootElement.GetProperty("queues"), day);
    }

    [Fact]
    public void Every_day_of_the_month_through_the_engine_gives_the_scripts_daily_figures_and_the_month_totals()
    {
        var expectedDays = january.Expected.GetProperty("days");
        var metrics = new CentreMetrics(january.Centre, new DateTimeOffset(1999, 1, 1, 0, 0, 0, AnonbankRows.JanuaryOffset));
        var month = january.Centre.Queues.ToDictionary(q => q.Id, _ => default(OutcomeCounters), StringComparer.Ordinal);
        var seen = new List<string>();
        foreach (var day in january.Events.GroupBy(AnonbankJanuary.LocalDate))
        {
            foreach (var e in day)
            {
                metrics.Offer(e);
                metrics.AdvanceTo(e.At);
            }
            metrics.Flush(day.Last().At);
            var date = AnonbankJanuary.Iso(day.Key);
            var result = ReplayResult.Of(metrics.Engine, january.Centre);
            if (!expectedDays.TryGetProperty(date, out var expected))
            {
                // Only the ends of calls that ran past midnight fall on this day: no outcome.
                Assert.All(result.Queues.Values, q => Assert.Equal(0, q.Today.Offered));
                continue;
            }
            seen.Add(date);
            using var actual = JsonDocument.Parse(result.ToJson());
            Figures.AssertMatch(expected, Today(actual.RootElement.GetProperty("queues")), date);
            foreach (var (queue, figures) in result.Queues)
            {
                month[queue] = Plus(month[queue], figures.Today);
            }
        }

        Assert.Equal(expectedDays.EnumerateObject().Select(d => d.Name), seen);
        Assert.Equal(0L, metrics.Engine.Orphans);
        foreach (var queue in january.Centre.Queues)
        {
            var counters = month[queue.Id];
            var figures = new
            {
                offered = counters.Offered,
                answered = counters.Answered,
                abandoned = counters.Abandoned,
                shortAbandoned = counters.ShortAbandoned,
                answeredWithinThreshold = counters.AnsweredWithinThreshold,
                abandonedWithinThreshold = counters.AbandonedWithinThreshold,
                serviceLevelPercent = ServiceLevel.Percent(counters, queue.ServiceLevelFormula),
                abandonmentRatePercent = ServiceLevel.AbandonmentRatePercent(counters),
                asaSeconds = ServiceLevel.AsaSeconds(counters),
            };
            using var actual = JsonDocument.Parse(JsonSerializer.Serialize(figures));
            Figures.AssertMatch(january.Expected.GetProperty("month").GetProperty(queue.Id), actual.RootElement, $"month.{queue.Id}");
        }
    }

    /// <summary>The <c>today</c> object of every queue of a RESULT.json <c>queues</c> map.</summary>
    private static JsonElement Today(JsonElement queues)
    {
        var today = queues.EnumerateObject().ToDictionary(q => q.Name, q => q.Value.GetProperty("today"));
        return JsonSerializer.SerializeToElement(today);
    }

    private static OutcomeCounters Plus(OutcomeCounters sum, ReplayFigures day)
    {
        sum.Answered += day.Answered;
        sum.AnsweredWithinThreshold += day.AnsweredWithinThreshold;
        sum.Abandoned += day.Abandoned;
        sum.AbandonedWithinThreshold += day.AbandonedWithinThreshold;
        sum.ShortAbandoned += day.ShortAbandoned;
        sum.AnsweredWaitSeconds += (day.AsaSeconds ?? 0) * day.Answered;
        return sum;
    }
}
