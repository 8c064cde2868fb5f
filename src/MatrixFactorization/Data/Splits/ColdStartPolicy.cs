namespace MatrixFactorization.Data.Splits;

/// <summary>
/// What a split does with a test rating whose user or item has no rating in the train set, so a
/// model trained on the train set has learned nothing about it.
/// </summary>
public enum ColdStartPolicy
{
    /// <summary>Leave such ratings out of the test set (the default: plain rating-prediction evaluation).</summary>
    Drop,

    /// <summary>Keep such ratings in the test set, to evaluate how a model handles cold starts.</summary>
    Keep,
}
