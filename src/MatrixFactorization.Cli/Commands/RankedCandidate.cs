using MatrixFactorization.Evaluation;

namespace MatrixFactorization.Cli.Commands;

/// <summary>A searched candidate as the command prints it.</summary>
/// <param name="Description">Its settings as "name=value" text.</param>
/// <param name="Settings">Each axis with its value, typed as the axis was.</param>
/// <param name="Objective">The objective's mean over folds.</param>
/// <param name="StandardDeviation">Its standard deviation over folds.</param>
/// <param name="CrossValidation">Every metric the folds measured.</param>
internal sealed record RankedCandidate(
    string Description, IReadOnlyList<KeyValuePair<string, object?>> Settings, double Objective, double StandardDeviation, CrossValidationResult CrossValidation);
