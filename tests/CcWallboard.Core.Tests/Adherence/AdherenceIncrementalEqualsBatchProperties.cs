using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>
/// The incremental adherence engine, fed as a host feeds it, gives every figure a plain second-by-second batch
/// recomputation gives (<see cref="AdherenceBatchReference"/>), for random schedules (gaps, off, unmapped activities,
/// odd seconds), random state streams (unmapped reasons, changes on schedule boundaries, several at one instant),
/// random thresholds and settings: in order (some runs crossing midnight), with late changes, and with approvals.
/// Each case is a seed (<see cref="AdherenceFeedHarness.Generate"/>).
/// </summary>
public sealed class AdherenceIncrementalEqualsBatchProperties
{
    private const int Cases = 100;

    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, 1_000_000_000).ToArbitrary();

    [Property(MaxTest = Cases)]
    public Property States_in_order_give_the_figures_status_and_alerts_of_a_batch_recomputation() =>
        Prop.ForAll(Seeds, seed => AdherenceFeedHarness.Check(seed, AdherenceDelivery.InOrder));

    [Property(MaxTest = Cases)]
    public Property States_arriving_late_are_recounted_to_the_figures_of_a_batch_recomputation() =>
        Prop.ForAll(Seeds, seed => AdherenceFeedHarness.Check(seed, AdherenceDelivery.Late));

    [Property(MaxTest = Cases)]
    public Property Approvals_recount_to_the_figures_of_a_batch_recomputation_that_knew_them_all_along() =>
        Prop.ForAll(Seeds, seed => AdherenceFeedHarness.Check(seed, AdherenceDelivery.LateWithApprovals));
}
