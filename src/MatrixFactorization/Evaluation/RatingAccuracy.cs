namespace MatrixFactorization.Evaluation;

/// <summary>How far predicted ratings are from the true ones.</summary>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Mse">Mean squared error (the notebook's "loss").</param>
/// <param name="Count">Ratings evaluated.</param>
/// <param name="Fallbacks">Of those, predictions made by a fallback (unknown user or item).</param>
public sealed record RatingAccuracy(double Rmse, double Mae, double Mse, int Count, int Fallbacks);
