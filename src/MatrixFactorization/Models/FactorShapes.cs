using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>Checks that a model's parameters fit its domain, so a model never indexes past an array.</summary>
internal static class FactorShapes
{
    public static void Check(TrainingDomain domain, FactorMatrix users, FactorMatrix items)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        if (users.Rows != domain.Users.Count || items.Rows != domain.Items.Count)
        {
            throw new ArgumentException(
                $"The factors must have one row per user and per item: {domain.Users.Count} and {domain.Items.Count}, not {users.Rows} and {items.Rows}.");
        }

        if (users.Columns != items.Columns)
        {
            throw new ArgumentException($"User and item factors must have one length, not {users.Columns} and {items.Columns}.");
        }
    }

    public static void CheckBiases(TrainingDomain domain, ReadOnlySpan<float> users, ReadOnlySpan<float> items)
    {
        if (users.Length != domain.Users.Count || items.Length != domain.Items.Count)
        {
            throw new ArgumentException(
                $"There must be one bias per user and per item: {domain.Users.Count} and {domain.Items.Count}, not {users.Length} and {items.Length}.");
        }
    }
}
