namespace MatrixFactorization.Training;

/// <summary>How implicit ALS solves each user's or item's k×k least-squares system.</summary>
public enum ImplicitAlsSolver
{
    /// <summary>
    /// A few conjugate-gradient steps warm-started from the previous factors (Takács, Pilászy and
    /// Tikk 2011), as the implicit library does by default: O(n·k + k²) work per step for a row with n
    /// interactions, instead of building the system.
    /// </summary>
    ConjugateGradient,

    /// <summary>The exact solution, by a Cholesky factorization of the system in double precision: O(n·k² + k³) per row.</summary>
    Cholesky,
}
