namespace MatrixFactorization.Models;

/// <summary>What a stored rating puts into the interaction matrix X of an item-item model.</summary>
public enum InteractionWeighting
{
    /// <summary>1 for every stored (user, item) pair, whatever its rating: X says only who interacted with what.</summary>
    Binary = 0,

    /// <summary>
    /// The rating divided by the top rating of the training scale (a 4 on a 0.5–5 scale is 0.8), so
    /// liked items weigh more and the regularization means the same on any scale. Needs a scale
    /// whose top is above 0.
    /// </summary>
    Rating = 1,
}
