namespace MatrixFactorization.Training;

/// <summary>Settings for plain matrix factorization (r̂ = p·q): the <see cref="SgdOptions"/>
/// defaults, with factors whose means make p·q start at the global mean.</summary>
public sealed record MatrixFactorizationOptions : SgdOptions
{
    /// <summary>Creates the default settings.</summary>
    public MatrixFactorizationOptions() => Initialization = FactorInitialization.MeanMatched(0.1f);
}
