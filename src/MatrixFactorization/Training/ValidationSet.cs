using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Training;

/// <summary>
/// Validation ratings mapped into the training index space once, so each epoch's RMSE costs one
/// pass of the model's own predictions: fallbacks for users and items unknown to training, and
/// clipping, are exactly the trained model's.
/// </summary>
internal sealed class ValidationSet
{
    private readonly int[] _users;
    private readonly int[] _items;
    private readonly float[] _values;
    private readonly RatingStore _store;

    private ValidationSet(int[] users, int[] items, float[] values, RatingStore store)
    {
        _users = users;
        _items = items;
        _values = values;
        _store = store;
    }

    /// <summary>Maps the ratings by raw id; a user or item training never saw gets index −1.</summary>
    public static ValidationSet Map(RatingStore validation, TrainingDomain domain)
    {
        int[] userMap = IdTranslation.Map(validation.Users, domain.Users);
        int[] itemMap = IdTranslation.Map(validation.Items, domain.Items);
        var users = new int[validation.Count];
        var items = new int[validation.Count];
        for (int k = 0; k < validation.Count; k++)
        {
            users[k] = userMap[validation.UserIndices[k]];
            items[k] = itemMap[validation.ItemIndices[k]];
        }

        return new ValidationSet(users, items, validation.Values.ToArray(), validation);
    }

    /// <summary>
    /// The model's score on the set: the RMSE of its predictions for a rating model, otherwise
    /// NDCG@10 of its lists over every item the user has not trained on (the metric definitions
    /// of <see cref="RankingMetrics"/>).
    /// </summary>
    public (double Score, Metric Metric) Score(IScoringModel model, RatingStore train) =>
        model is IRatingModel rating
            ? (Rmse(rating), Metric.Rmse)
            : (RankingMetrics.Evaluate(new Recommender(model, train), _store, new RankingOptions { K = 10 }).Ndcg, Metric.Ndcg);

    /// <summary>The RMSE of the model's predictions; 0 for an empty set.</summary>
    public double Rmse(IRatingModel model)
    {
        double sum = 0;
        for (int k = 0; k < _values.Length; k++)
        {
            double error = _values[k] - model.PredictByIndex(_users[k], _items[k]).Value;
            sum += error * error;
        }

        return _values.Length == 0 ? 0 : Math.Sqrt(sum / _values.Length);
    }
}
