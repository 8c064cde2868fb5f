namespace MatrixFactorization.Recommendation;

/// <summary>
/// A folded-in user's least-squares solution x = W Σ_j t_j a_j, where a_j is the feature vector of
/// the user's item j and t_j its weight (a rating, or an implicit confidence): what
/// <see cref="FoldedInUser"/> needs to predict and to split a score into per-item contributions.
/// </summary>
internal interface IUserSolution
{
    /// <summary>The coefficients x: the k factors, then the bias when there is one.</summary>
    double[] Solution { get; }

    /// <summary>W a for a feature vector a.</summary>
    double[] ApplyInverse(ReadOnlySpan<double> features);
}
