namespace MatrixFactorization.Data;

/// <summary>The kind of raw identifier an <see cref="IdMap"/> holds.</summary>
public enum IdKind
{
    /// <summary>64-bit integer ids, as in MovieLens and LIBMF files.</summary>
    Integer,

    /// <summary>Arbitrary string ids, as in shop exports (SKUs, e-mail hashes, GUIDs).</summary>
    String,
}
