namespace MatrixFactorization.Kernels;

/// <summary>
/// What a BPR step reports: the triple's score difference x before the step and its weight
/// w = σ(−x). A value rather than an out parameter, so both stay in registers when the step is
/// inlined into the training loop; an out parameter is written to memory and read back, on the
/// path from one step of a user to the next.
/// </summary>
internal readonly struct BprOutcome(float difference, float weight)
{
    /// <summary>x = b_i − b_j + p·(q_i − q_j), before the step.</summary>
    public readonly float Difference = difference;

    /// <summary>w = σ(−x), the factor of the step.</summary>
    public readonly float Weight = weight;
}
