namespace MatrixFactorization.Models;

/// <summary>How an implicit-feedback model turns an interaction's stored value w into its confidence c (Hu, Koren and Volinsky 2008, §4).</summary>
public enum ConfidenceScaling
{
    /// <summary>c = 1 + α·w (their eq. 5).</summary>
    Linear,

    /// <summary>c = 1 + α·ln(1 + w/ε) (their eq. 6): large counts weigh less than in proportion.</summary>
    Logarithmic,
}
