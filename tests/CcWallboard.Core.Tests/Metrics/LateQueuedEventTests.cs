using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>A contact's queued event that comes after its outcome, later than the allowed lateness.</summary>
public sealed class LateQueuedEventTests
{
    [Fact]
    public void An_answer_whose_queued_event_comes_late_is_counted_with_its_true_wait_and_no_phantom_waits()
    {
        var f = new EngineFixture();
        var metrics = new CentreMetrics(f.Options, f.Calendar, EngineFixture.NineAm);
        metrics.Offer(new ContactAnswered("e2", EngineFixture.At(30), "c1", "sales", "a1"));
        metrics.AdvanceTo(EngineFixture.At(60));
        Assert.Equal(1, metrics.Engine.Orphans);

        metrics.Offer(new ContactQueued("e1", EngineFixture.At(15), "c1", "sales")); // 45 s late
        metrics.AdvanceTo(EngineFixture.At(61));

        var sales = metrics.Engine.ViewOf("sales", EngineFixture.At(61))!;
        Assert.Equal(1, metrics.Late);
        Assert.Equal(0, metrics.Engine.Orphans);
        Assert.Equal(1, sales.Today.Answered);
        Assert.Equal(15.0, sales.Today.AsaSeconds);
        Assert.Equal(1, sales.Today.AnsweredWithinThreshold);
        Assert.Equal(1, sales.Interval.Answered);
        Assert.Equal(0, sales.CallsWaiting);
    }

    [Fact]
    public void An_outcome_never_matched_stays_an_orphan_and_out_of_the_figures()
    {
        var f = new EngineFixture();
        var metrics = new CentreMetrics(f.Options, f.Calendar, EngineFixture.NineAm);
        metrics.Offer(new ContactAbandoned("e1", EngineFixture.At(30), "c1", "sales"));
        metrics.AdvanceTo(EngineFixture.At(60));

        var sales = metrics.Engine.ViewOf("sales", EngineFixture.At(60))!;
        Assert.Equal(1, metrics.Engine.Orphans);
        Assert.Equal(0, sales.Today.Offered);
    }
}
