using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>
/// What one AdaGrad update of a pair of rows leaves to its caller: the error before the step, and
/// the mean squared gradients the rows' accumulators take, in lane 0 (the first row's) and lane 2
/// (the second's) of <see cref="Increments"/>; lanes 1 and 3 repeat them. The lanes are those of a
/// pair of accumulator pairs (row, bias), so a caller that keeps them so adds all four in one addition.
/// </summary>
/// <param name="Error">The error value − (baseline + p·q).</param>
/// <param name="Increments">The squared gradients, lanes 0 and 2.</param>
internal readonly record struct AdaGradOutcome(float Error, Vector128<float> Increments);
