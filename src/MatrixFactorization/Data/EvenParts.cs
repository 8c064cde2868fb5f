namespace MatrixFactorization.Data;

/// <summary>Cuts 0 … count − 1 into contiguous parts whose sizes differ by at most one.</summary>
internal static class EvenParts
{
    /// <summary>The range [From, To) of part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    public static (int From, int To) Of(int count, int parts, int part) =>
        ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));
}
