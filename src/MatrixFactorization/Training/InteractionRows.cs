using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// One side of the interaction matrix in compressed rows, with each interaction's confidence:
/// by user (the items each user interacted with) or by item (the users). The confidences are
/// computed once, so the solver's inner loops read two parallel arrays and nothing else; the
/// indices are the store's own (its rows, or its cached item-major view), not copies.
/// </summary>
internal sealed class InteractionRows
{
    private readonly RatingStore _store;
    private readonly RatingColumns? _columnsView;
    private readonly float[] _confidences;

    private InteractionRows(RatingStore store, RatingColumns? columnsView, float[] confidences)
    {
        _store = store;
        _columnsView = columnsView;
        _confidences = confidences;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount => Offsets.Length - 1;

    /// <summary>The number of interactions.</summary>
    public int Count => _confidences.Length;

    /// <summary>Row r's interactions are [Offsets[r], Offsets[r + 1]).</summary>
    public ReadOnlySpan<int> Offsets => _columnsView is null ? _store.UserOffsets : _columnsView.ItemOffsets;

    /// <summary>The other side's index of each interaction.</summary>
    public ReadOnlySpan<int> Columns => _columnsView is null ? _store.ItemIndices : _columnsView.UserIndices;

    /// <summary>The signed confidence of each interaction: c for preference 1, −c for negative feedback (preference 0).</summary>
    public ReadOnlySpan<float> Confidences => _confidences;

    /// <summary>The number of interactions in row <paramref name="row"/>.</summary>
    public int Length(int row) => Offsets[row + 1] - Offsets[row];

    /// <summary>The user rows of a store of interactions.</summary>
    public static InteractionRows ByUser(RatingStore store, ImplicitObjective objective)
    {
        ReadOnlySpan<float> values = store.Values;
        var confidences = new float[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            confidences[k] = objective.Confidence(values[k]);
        }

        return new InteractionRows(store, null, confidences);
    }

    /// <summary>The item rows of a store of interactions, with the confidences of <paramref name="byUser"/> (the same store's).</summary>
    public static InteractionRows ByItem(RatingStore store, InteractionRows byUser)
    {
        RatingColumns columns = store.ByItem;
        ReadOnlySpan<int> positions = columns.Positions;
        var confidences = new float[positions.Length];
        for (int k = 0; k < positions.Length; k++)
        {
            confidences[k] = byUser._confidences[positions[k]];
        }

        return new InteractionRows(store, columns, confidences);
    }
}
