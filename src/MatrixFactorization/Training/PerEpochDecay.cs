namespace MatrixFactorization.Training;

/// <summary>
/// A rate multiplied by a decay factor after every epoch: η₁ = η, η_{e+1} = η_e · decay, in single
/// precision, one multiplication an epoch. That running product is what SGD has always used, and
/// it is not bit for bit η · decay^(e−1), so it is kept rather than computed by a power.
/// </summary>
internal sealed class PerEpochDecay : ILearningRateSchedule
{
    private readonly float _initial;
    private readonly float _decay;
    private int _epoch;
    private float _rate;

    public PerEpochDecay(float initial, float decay)
    {
        _initial = initial;
        _decay = decay;
        _epoch = 1;
        _rate = initial;
    }

    public float RateAt(int epoch)
    {
        if (epoch < _epoch)
        {
            // Asked for an earlier epoch: the product is rebuilt from the start.
            _epoch = 1;
            _rate = _initial;
        }

        for (; _epoch < epoch; _epoch++)
        {
            _rate *= _decay;
        }

        return _rate;
    }
}
