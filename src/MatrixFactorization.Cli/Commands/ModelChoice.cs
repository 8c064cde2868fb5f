namespace MatrixFactorization.Cli.Commands;

/// <summary>The models <c>mf train --model</c> can train.</summary>
internal enum ModelChoice
{
    /// <summary>μ + b_u + b_i.</summary>
    Baseline,

    /// <summary>Plain matrix factorization, p·q.</summary>
    Mf,

    /// <summary>Biased matrix factorization, μ + b_u + b_i + p·q.</summary>
    Biased,

    /// <summary>Neural collaborative filtering: embeddings through a small ReLU network.</summary>
    Neural,

    /// <summary>The interaction count of each item (a list model: no ratings predicted).</summary>
    Popularity,

    /// <summary>EASE, item-item weights solved in closed form (a list model).</summary>
    Ease,

    /// <summary>Implicit-feedback ALS (a list model).</summary>
    Als,

    /// <summary>Bayesian personalized ranking (a list model).</summary>
    Bpr,

    /// <summary>Explicit ALS with weighted-λ regularization, μ + b_u + b_i + p·q.</summary>
    Alswr,

    /// <summary>SVD++: biased matrix factorization whose user vector adds the implicit factors of the items the user rated.</summary>
    Svdpp,
}
