using MathNet.Numerics.LinearAlgebra;

namespace MovieRecommendations.Talk;

/// <summary>
/// Learned features match the talk's only up to an invertible 2×2 transform A: user features U·A
/// and item features Q·A⁻ᵀ give the very same ratings. The best such map from the learned item
/// features onto comedy and action, by least squares, shows whether the model found the talk's
/// features in disguise.
/// </summary>
/// <param name="Map">W minimising ‖Q·W − [comedy action]‖, 2×2.</param>
/// <param name="Items">The learned item features mapped, Q·W: one row per movie, (comedy, action).</param>
/// <param name="Users">The learned user features mapped the matching way, P·W⁻ᵀ, so that ratings are unchanged.</param>
internal sealed record FeatureAlignment(Matrix<double> Map, Matrix<double> Items, Matrix<double> Users)
{
    public static FeatureAlignment Fit(Matrix<double> learnedItems, Matrix<double> learnedUsers, Matrix<double> talkItems)
    {
        // QR solves the overdetermined system (5 movies, 2 unknowns per column) in the least-squares sense.
        Matrix<double> map = learnedItems.QR().Solve(talkItems);
        return new FeatureAlignment(map, learnedItems * map, learnedUsers * map.Inverse().Transpose());
    }

    /// <summary>The largest distance between a mapped item feature and the talk's.</summary>
    public double LargestItemDifference(Matrix<double> talkItems) => (Items - talkItems).Enumerate().Max(Math.Abs);
}
