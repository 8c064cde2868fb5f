namespace MatrixFactorization.Data;

/// <summary>The raw timestamp columns, which a snapshot stores as they are so that a reload is exact.</summary>
public sealed partial class RatingStore
{
    /// <summary>Each rating's seconds from <see cref="TimeBase"/>; empty when the store has no timestamps.</summary>
    internal ReadOnlySpan<uint> TimeOffsets => _timeOffsets is null ? default : _timeOffsets.AsSpan(0, _count);

    /// <summary>The earliest timestamp (Unix seconds), or 0 when the store has no timestamps.</summary>
    internal long TimeBase => _timeBase;
}
