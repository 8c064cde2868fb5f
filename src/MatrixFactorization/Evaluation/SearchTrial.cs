namespace MatrixFactorization.Evaluation;

/// <summary>One candidate of a search with its cross-validation.</summary>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
/// <param name="Candidate">The options tried.</param>
/// <param name="CrossValidation">What cross-validation measured.</param>
/// <param name="Objective">The mean of the objective metric over folds.</param>
/// <param name="ObjectiveStandardDeviation">Its standard deviation over folds.</param>
public sealed record SearchTrial<TOptions>(
    SearchCandidate<TOptions> Candidate, CrossValidationResult CrossValidation, double Objective, double ObjectiveStandardDeviation);
