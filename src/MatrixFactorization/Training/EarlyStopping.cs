namespace MatrixFactorization.Training;

/// <summary>
/// The patience rule of the epoch loop: an epoch whose validation score beats the best so far (a
/// lower error, a higher ranking metric) is
/// kept (the caller snapshots the parameters); after <c>patience</c> epochs without a new best,
/// training stops. Off when there is no validation set or the patience is 0.
/// </summary>
internal struct EarlyStopping(int patience, bool hasValidation)
{
    private double? _best;
    private int _sinceBest;

    /// <summary>What the caller should do after an epoch.</summary>
    public enum Decision
    {
        /// <summary>Early stopping is off, or the epoch neither improved nor ran out of patience.</summary>
        Continue,

        /// <summary>A new best: snapshot the parameters.</summary>
        Improved,

        /// <summary>Patience ran out: stop and restore the best snapshot.</summary>
        Stop,
    }

    public Decision Observe(double? validationScore, bool higherIsBetter = false)
    {
        if (!hasValidation || patience == 0 || validationScore is not double score)
        {
            return Decision.Continue;
        }

        if (_best is not double best || (higherIsBetter ? score > best : score < best))
        {
            _best = score;
            _sinceBest = 0;
            return Decision.Improved;
        }

        return ++_sinceBest >= patience ? Decision.Stop : Decision.Continue;
    }
}
