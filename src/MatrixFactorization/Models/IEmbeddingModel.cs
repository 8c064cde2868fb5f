using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// A model that represents each user and item by a learned vector, so users and items can be
/// compared with each other (similar items, similar users) by the cosine of their vectors.
/// </summary>
public interface IEmbeddingModel : IScoringModel
{
    /// <summary>One read-only vector per dense user index.</summary>
    FactorMatrix UserEmbeddings { get; }

    /// <summary>One read-only vector per dense item index.</summary>
    FactorMatrix ItemEmbeddings { get; }
}
