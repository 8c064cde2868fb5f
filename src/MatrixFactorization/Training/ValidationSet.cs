using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Validation ratings mapped into the training index space once, so each epoch's RMSE costs one
/// pass. Pairs with a user or item unknown to training are scored by the model's fallback, exactly
/// as the trained model will score them.
/// </summary>
internal sealed class ValidationSet
{
    private readonly int[] _users;
    private readonly int[] _items;
    private readonly float[] _values;

    private ValidationSet(int[] users, int[] items, float[] values)
    {
        _users = users;
        _items = items;
        _values = values;
    }

    public int Count => _values.Length;

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

        return new ValidationSet(users, items, validation.Values.ToArray());
    }

    /// <summary>RMSE of the current parameters, with fallbacks and clipping as the model applies them.</summary>
    public double Rmse(SgdState state, TrainingDomain domain, bool biased, bool clip)
    {
        double sum = 0;
        for (int k = 0; k < _values.Length; k++)
        {
            int u = _users[k], i = _items[k];
            bool knownUser = domain.IsKnownUser(u), knownItem = domain.IsKnownItem(i);
            float prediction = biased ? state.GlobalMean : 0f;
            if (biased)
            {
                prediction += (knownUser ? state.UserBiases[u] : 0f) + (knownItem ? state.ItemBiases[i] : 0f);
            }

            if (knownUser && knownItem)
            {
                prediction += FactorKernels.DotPadded(ref state.P.RowReference(u), ref state.Q.RowReference(i), state.Stride);
            }
            else if (!biased)
            {
                prediction = domain.GlobalMean;
            }

            if (clip)
            {
                prediction = domain.Scale.Clip(prediction);
            }

            double error = _values[k] - prediction;
            sum += error * error;
        }

        return _values.Length == 0 ? 0 : Math.Sqrt(sum / _values.Length);
    }
}
