namespace MatrixFactorization.Training;

/// <summary>
/// One scratch workspace per thread of a <see cref="PhaseRunner"/>, claimed by a part for as long as
/// it runs. At most one part per thread runs at a time, so a free workspace always exists; which one
/// a part gets cannot change its result, since a part overwrites the scratch memory before reading it.
/// </summary>
/// <typeparam name="T">The workspace.</typeparam>
/// <param name="workspaces">One per thread.</param>
internal sealed class WorkspaceSlots<T>(T[] workspaces)
{
    private readonly int[] _claimed = new int[workspaces.Length];

    /// <summary>The workspace in <paramref name="slot"/>.</summary>
    public T this[int slot] => workspaces[slot];

    /// <summary>Claims a free workspace and returns its slot; <see cref="Release"/> it when the part ends.</summary>
    public int Claim()
    {
        while (true)
        {
            for (int slot = 0; slot < _claimed.Length; slot++)
            {
                if (Interlocked.CompareExchange(ref _claimed[slot], 1, 0) == 0)
                {
                    return slot;
                }
            }
        }
    }

    /// <summary>Frees a slot from <see cref="Claim"/>.</summary>
    public void Release(int slot) => Volatile.Write(ref _claimed[slot], 0);
}
