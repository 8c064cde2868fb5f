using MatrixFactorization.Data;

namespace MatrixFactorization.Models;

/// <summary>
/// The contract every recommendation model implements: it knows which users and items it was
/// trained with and scores items for a user, higher meaning a better recommendation. Ranking,
/// top-N evaluation, cross-validation and persistence need nothing more.
/// </summary>
/// <remarks>
/// Users and items are addressed here by dense index (their position in <see cref="Users"/> and
/// <see cref="Items"/>); raw ids are translated by the callers. A user index that is negative,
/// out of range or of a user without training data asks for the model's cold-start scores.
/// Scores of items the model does not know may be anything: rankers leave such items out.
/// Implementations must be immutable and safe for concurrent calls.
/// </remarks>
public interface IScoringModel
{
    /// <summary>The raw ↔ dense map of the users the model was trained with.</summary>
    IdMap Users { get; }

    /// <summary>The raw ↔ dense map of the items the model was trained with.</summary>
    IdMap Items { get; }

    /// <summary>Whether a dense user index had training data, so the model learned something about the user.</summary>
    /// <param name="userIndex">A dense user index; any value is allowed.</param>
    /// <returns><see langword="true"/> for a user the model learned.</returns>
    bool IsKnownUser(int userIndex);

    /// <summary>Whether a dense item index had training data, so the model can score and recommend it.</summary>
    /// <param name="itemIndex">A dense item index; any value is allowed.</param>
    /// <returns><see langword="true"/> for an item the model learned.</returns>
    bool IsKnownItem(int itemIndex);

    /// <summary>Scores every item for a user: <c>scores[i]</c> for each dense item index i.</summary>
    /// <param name="userIndex">A dense user index; an unknown one gets the cold-start scores.</param>
    /// <param name="scores">At least <c>Items.Count</c> floats; the first <c>Items.Count</c> receive the scores.</param>
    void ScoreItems(int userIndex, Span<float> scores);

    /// <summary>Scores the given items for a user; the same values <see cref="ScoreItems(int, Span{float})"/> gives them.</summary>
    /// <param name="userIndex">A dense user index; an unknown one gets the cold-start scores.</param>
    /// <param name="itemIndices">Dense indices of known items.</param>
    /// <param name="scores">Receives one score per item, same length.</param>
    void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores);
}
