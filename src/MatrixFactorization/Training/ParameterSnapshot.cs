namespace MatrixFactorization.Training;

/// <summary>A copy of a state's parameters, the best epoch's under early stopping. Its buffers are
/// allocated once, on the first improvement, and overwritten on each later one.</summary>
internal sealed class ParameterSnapshot
{
    private readonly ITrainingState _state;
    private readonly float[][] _copies;

    public ParameterSnapshot(ITrainingState state)
    {
        _state = state;
        _copies = new float[state.ParameterSpanCount][];
        for (int s = 0; s < _copies.Length; s++)
        {
            _copies[s] = new float[state.ParameterSpan(s).Length];
        }
    }

    public void Save()
    {
        for (int s = 0; s < _copies.Length; s++)
        {
            _state.ParameterSpan(s).CopyTo(_copies[s]);
        }
    }

    public void Restore()
    {
        for (int s = 0; s < _copies.Length; s++)
        {
            _copies[s].CopyTo(_state.ParameterSpan(s));
        }
    }
}
