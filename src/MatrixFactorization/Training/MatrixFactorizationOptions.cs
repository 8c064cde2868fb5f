namespace MatrixFactorization.Training;

/// <summary>Settings for plain matrix factorization (r̂ = p·q). The defaults are chosen by
/// cross-validation on training data (see the README's accuracy section).</summary>
public sealed record MatrixFactorizationOptions : SgdOptions
{
    /// <summary>Creates the default settings.</summary>
    public MatrixFactorizationOptions()
    {
        Factors = 128;
        Epochs = 100;
        LearningRate = 0.005f;
        FactorRegularization = 0.1f;
        Initialization = FactorInitialization.MeanMatched(0.1f);
    }
}
