using MatrixFactorization.Data;

namespace MatrixFactorization.Training;

/// <summary>
/// The training loss past which a trainer with a learning rate is stopped as diverged, though the
/// loss is still finite. The bound is twice the loss of an untrained model at its worst, so a model
/// that learns stays well under it, and one whose steps overshoot crosses it in the epoch they do.
/// </summary>
/// <remarks>
/// <para>Rating models (plain and biased MF, the neural model): at the start every prediction lies
/// between 0 and the rating scale (factors near 0, or the mean plus small biases), so no starting
/// error exceeds e = max(Max − Min, |Min|, |Max|) of the training scale. The bound on the
/// epoch's training RMSE is 2e; on ratings of 0.5 to 5, 10.</para>
/// <para>BPR: an untrained model scores every pair 0, a loss of ln 2 a triple, reported as √(ln 2);
/// the bound is 2√(ln 2) ≈ 1.67, a mean loss of 4 ln 2, as if every triple were ranked the wrong way
/// by a margin of about 2.7.</para>
/// <para>Least-squares and counting trainers (baseline, implicit ALS, EASE, popularity) have no
/// learning rate to overshoot and no bound.</para>
/// </remarks>
internal static class DivergenceBound
{
    /// <summary>How many times the worst untrained loss an epoch's loss may reach.</summary>
    public const double Factor = 2;

    /// <summary>The bound on the training RMSE of a rating model trained on <paramref name="scale"/>;
    /// null when every rating is 0 (no error is then bounded by the scale).</summary>
    public static double? ForRatings(RatingScale scale)
    {
        double worst = Math.Max((double)scale.Max - scale.Min, Math.Max(Math.Abs((double)scale.Min), Math.Abs((double)scale.Max)));
        return worst > 0 ? Factor * worst : null;
    }

    /// <summary>The bound on BPR's reported loss, √(mean −ln σ(x̂_uij)).</summary>
    public static double ForBpr => Factor * Math.Sqrt(Math.Log(2));
}
