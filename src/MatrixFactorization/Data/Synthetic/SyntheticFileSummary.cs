namespace MatrixFactorization.Data.Synthetic;

/// <summary>What <see cref="SyntheticRatingGenerator.WriteLibmf(Stream, IProgress{long})"/> wrote.</summary>
/// <param name="Ratings">Lines (ratings) written.</param>
/// <param name="Bytes">Bytes written.</param>
/// <param name="NoiseFloorRmse">
/// The RMSE of the written ratings against the planted mean ratings, computed exactly: what a
/// perfect model would score on the file.
/// </param>
public sealed record SyntheticFileSummary(long Ratings, long Bytes, double NoiseFloorRmse);
