namespace MatrixFactorization.Training;

/// <summary>Whether the BPR loop steps item biases, as a type, so the loop is compiled without the question.</summary>
internal interface IItemBiases
{
    static abstract bool Enabled { get; }
}

/// <summary>Scores b_i + p·q: each step moves b_i and b_j too.</summary>
internal struct WithItemBiases : IItemBiases
{
    public static bool Enabled => true;
}

/// <summary>Scores p·q alone.</summary>
internal struct WithoutItemBiases : IItemBiases
{
    public static bool Enabled => false;
}
