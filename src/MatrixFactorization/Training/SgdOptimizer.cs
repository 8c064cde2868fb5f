namespace MatrixFactorization.Training;

/// <summary>How SGD turns a gradient into a step.</summary>
public enum SgdOptimizer
{
    /// <summary>Plain SGD with the (decaying) learning rate, as in Funk's and Surprise's SVD.</summary>
    Sgd,

    /// <summary>
    /// Adaptive learning rates (Duchi et al. 2011) with one squared-gradient sum per factor row, the
    /// mean over its coordinates, as LIBMF keeps them by default (and one per bias).
    /// </summary>
    AdaGrad,
}
