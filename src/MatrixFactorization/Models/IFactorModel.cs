using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// A model whose score is a dot product of factor vectors plus optional biases:
/// <c>score(u, i) = ScoreOffset + b_u + b_i + p_u · q_i</c> (the biases are left out when the model
/// has none). That shape is what fast top-N scans, fold-in of new users and items, and
/// "because you rated" explanations work with.
/// </summary>
/// <remarks>
/// For a user the model does not know, the score is <c>ScoreOffset + b_i + v · q_i</c> with
/// v = <see cref="ColdStartVector"/> (no dot product when it is empty).
/// <see cref="IScoringModel.ScoreItems(int, Span{float})"/> must give these scores.
/// </remarks>
public interface IFactorModel : IEmbeddingModel
{
    /// <summary>The number of latent factors k: the length of every factor vector.</summary>
    int FactorCount { get; }

    /// <summary>The user factor vectors p_u, one read-only row per dense user index.</summary>
    FactorMatrix UserFactors { get; }

    /// <summary>The item factor vectors q_i, one read-only row per dense item index.</summary>
    FactorMatrix ItemFactors { get; }

    /// <summary>The user biases b_u by dense user index, or empty when the model has no biases.</summary>
    ReadOnlySpan<float> UserBiases { get; }

    /// <summary>The item biases b_i by dense item index, or empty when the model has no biases.</summary>
    ReadOnlySpan<float> ItemBiases { get; }

    /// <summary>The constant added to every score: the global mean μ of a biased model, 0 for a plain one.</summary>
    float ScoreOffset { get; }

    /// <summary>
    /// The user vector that ranks items for a user the model does not know, or empty to rank them by
    /// <c>ScoreOffset + b_i</c> alone.
    /// </summary>
    ReadOnlySpan<float> ColdStartVector { get; }

    /// <inheritdoc/>
    FactorMatrix IEmbeddingModel.UserEmbeddings => UserFactors;

    /// <inheritdoc/>
    FactorMatrix IEmbeddingModel.ItemEmbeddings => ItemFactors;
}
