namespace MatrixFactorization.Data;

/// <summary>Maps the dense indices of one id map to another's through the raw ids.</summary>
internal static class IdTranslation
{
    /// <summary>For each index of <paramref name="from"/>, the index in <paramref name="to"/> of the same raw id, or -1.</summary>
    public static int[] Map(IdMap from, IdMap to)
    {
        var map = new int[from.Count];
        bool same = ReferenceEquals(from, to);
        bool integers = from.Kind == IdKind.Integer && to.Kind == IdKind.Integer;
        for (int k = 0; k < map.Length; k++)
        {
            int index;
            map[k] = same ? k
                : integers ? (to.TryGetIndex(from.GetInt64Id(k), out index) ? index : -1)
                : (to.TryGetIndex(from.GetId(k), out index) ? index : -1);
        }

        return map;
    }
}
