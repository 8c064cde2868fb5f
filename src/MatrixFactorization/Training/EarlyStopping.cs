namespace MatrixFactorization.Training;

/// <summary>
/// The patience rule of the epoch loop: an epoch whose validation RMSE beats the best so far is
/// kept (the caller snapshots the parameters); after <c>patience</c> epochs without a new best,
/// training stops. Off when there is no validation set or the patience is 0.
/// </summary>
internal struct EarlyStopping(int patience, bool hasValidation)
{
    private double _best = double.PositiveInfinity;
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

    public Decision Observe(double? validationRmse)
    {
        if (!hasValidation || patience == 0 || validationRmse is not double rmse)
        {
            return Decision.Continue;
        }

        if (rmse < _best)
        {
            _best = rmse;
            _sinceBest = 0;
            return Decision.Improved;
        }

        return ++_sinceBest >= patience ? Decision.Stop : Decision.Continue;
    }
}
