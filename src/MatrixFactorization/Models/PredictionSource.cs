namespace MatrixFactorization.Models;

/// <summary>Where a prediction came from: the learned model, or a documented fallback.</summary>
public enum PredictionSource
{
    /// <summary>Both the user and the item were seen in training; the model scored the pair.</summary>
    Model,

    /// <summary>The user was not seen in training (fallback: global mean plus item bias, or the global mean).</summary>
    UnknownUser,

    /// <summary>The item was not seen in training (fallback: global mean plus user bias, or the global mean).</summary>
    UnknownItem,

    /// <summary>Neither was seen in training (fallback: the global mean).</summary>
    UnknownUserAndItem,
}
