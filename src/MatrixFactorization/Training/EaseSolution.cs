namespace MatrixFactorization.Training;

/// <summary>Which of two equal closed forms computes the EASE weights (see <see cref="EaseSolver"/>).</summary>
internal enum EaseSolution
{
    /// <summary>The cheaper one: through the users when there are fewer users than items.</summary>
    Automatic = 0,

    /// <summary>Invert the items × items matrix XᵀX + λI.</summary>
    ThroughItems = 1,

    /// <summary>Invert the users × users matrix XXᵀ + λI (the Woodbury identity).</summary>
    ThroughUsers = 2,
}
