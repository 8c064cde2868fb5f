namespace MatrixFactorization.Training;

/// <summary>How SGD turns a gradient into a step.</summary>
public enum SgdOptimizer
{
    /// <summary>Plain SGD with the (decaying) learning rate, as in Funk's and Surprise's SVD.</summary>
    Sgd,

    /// <summary>Per-coordinate adaptive learning rates (Duchi et al. 2011), LIBMF's default.</summary>
    AdaGrad,
}
