namespace MatrixFactorization.Data;

/// <summary>Interactions made from ratings by an <see cref="InteractionPolicy"/>, and what the policy left out.</summary>
/// <param name="Store">The interactions: one per kept rating, its value the interaction's weight; the ratings' id maps.</param>
/// <param name="RatingsLeftOut">Ratings below the policy's threshold, which are not interactions.</param>
/// <param name="Policy">The policy that made them.</param>
public sealed record InteractionSet(RatingStore Store, int RatingsLeftOut, InteractionPolicy Policy);
