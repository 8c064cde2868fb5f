using System.Runtime.InteropServices;

namespace MatrixFactorization.Training;

/// <summary>One rating as the SGD loop reads it: 12 bytes, contiguous within a block.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly struct TrainingEntry(int user, int item, float value)
{
    public readonly int User = user;
    public readonly int Item = item;
    public readonly float Value = value;
}
