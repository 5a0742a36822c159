namespace CcWallboard.Core.Metrics;

/// <summary>
/// The additive counts behind every queue figure, for one queue and one window. Short abandons are kept
/// apart: <see cref="Abandoned"/> and <see cref="AbandonedWithinThreshold"/> exclude them (METRICS.md).
/// </summary>
public struct OutcomeCounters
{
    /// <summary>A: answered contacts.</summary>
    public int Answered { get; set; }
    /// <summary>A_T: answered with wait ≤ T.</summary>
    public int AnsweredWithinThreshold { get; set; }
    /// <summary>B − S: abandoned, short abandons excluded.</summary>
    public int Abandoned { get; set; }
    /// <summary>B_T − S: abandoned with wait ≤ T, short abandons excluded.</summary>
    public int AbandonedWithinThreshold { get; set; }
    /// <summary>S: abandoned with wait below the short-abandon threshold.</summary>
    public int ShortAbandoned { get; set; }
    /// <summary>Left the queue unanswered for another (overflow), shown apart from offered.</summary>
    public int TransferredOut { get; set; }
    /// <summary>Sum of the waits of answered contacts, in seconds.</summary>
    public double AnsweredWaitSeconds { get; set; }
    /// <summary>Contacts whose after-contact work ended in the window.</summary>
    public int Handled { get; set; }
    /// <summary>Sum of talk + hold + ACW of <see cref="Handled"/> contacts, in seconds.</summary>
    public double HandleSeconds { get; set; }

    /// <summary>Offered: every contact with an answer or abandon outcome, short abandons included.</summary>
    public readonly int Offered => Answered + Abandoned + ShortAbandoned;

    public void Add(in OutcomeCounters other)
    {
        Answered += other.Answered;
        AnsweredWithinThreshold += other.AnsweredWithinThreshold;
        Abandoned += other.Abandoned;
        AbandonedWithinThreshold += other.AbandonedWithinThreshold;
        ShortAbandoned += other.ShortAbandoned;
        TransferredOut += other.TransferredOut;
        AnsweredWaitSeconds += other.AnsweredWaitSeconds;
        Handled += other.Handled;
        HandleSeconds += other.HandleSeconds;
    }

    public void Subtract(in OutcomeCounters other)
    {
        Answered -= other.Answered;
        AnsweredWithinThreshold -= other.AnsweredWithinThreshold;
        Abandoned -= other.Abandoned;
        AbandonedWithinThreshold -= other.AbandonedWithinThreshold;
        ShortAbandoned -= other.ShortAbandoned;
        TransferredOut -= other.TransferredOut;
        AnsweredWaitSeconds -= other.AnsweredWaitSeconds;
        Handled -= other.Handled;
        HandleSeconds -= other.HandleSeconds;
    }

    /// <summary>True when nothing was counted (no outcome and no handled contact).</summary>
    public readonly bool IsEmpty => Offered == 0 && TransferredOut == 0 && Handled == 0;
}
