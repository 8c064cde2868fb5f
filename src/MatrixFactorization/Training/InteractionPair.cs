using System.Runtime.InteropServices;

namespace MatrixFactorization.Training;

/// <summary>One interaction as the BPR loop reads it: a user and an item they chose, 8 bytes, contiguous within a block.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly struct InteractionPair(int user, int item)
{
    public readonly int User = user;
    public readonly int Item = item;
}
