using System.Runtime.CompilerServices;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>One thread's scratch memory for explicit ALS's row solves, allocated once per training run.</summary>
internal sealed class ExplicitAlsWorkspace
{
    /// <summary>Ratings gathered at a time: the panel (this many rows of k floats, 16 KiB at k = 64) stays in the first-level cache while every tile of the Gram matrix runs over it.</summary>
    public const int Chunk = 64;

    private const int AlignmentFloats = 16;
    private readonly float[] _system;
    private readonly int _systemOffset;
    private readonly float[] _rightHandSide;
    private readonly int _rightHandSideOffset;
    private readonly float[] _biasCoupling;

    /// <param name="factorCount">k.</param>
    public ExplicitAlsWorkspace(int factorCount)
    {

        // One spare row each: the Gram kernel's last tile may read a few floats past a panel row,
        // and the system is filled from the Gram rows in whole vectors that may run past the last.
        Panel = new FactorMatrix(Chunk + 1, factorCount);
        Gram = new FactorMatrix(factorCount + 1, Panel.Stride);
        FactorSums = new float[Panel.Stride];
        ResidualProducts = new float[Panel.Stride];
        ChunkFactorSums = new float[Panel.Stride];
        ChunkResidualProducts = new float[Panel.Stride];
        SystemStride = FloatUpperCholesky.Stride(factorCount);
        _system = Aligned(factorCount * SystemStride, out _systemOffset);
        _rightHandSide = Aligned(SystemStride, out _rightHandSideOffset);
        _biasCoupling = new float[SystemStride];
    }

    /// <summary>A chunk's gathered fixed rows q_j, as wide as the fixed matrix's padded rows (zero past k).</summary>
    public FactorMatrix Panel { get; }

    /// <summary>The float sums PᵀP over the row's panels (see <see cref="GramKernel"/>): Σ q qᵀ's upper triangle.</summary>
    public FactorMatrix Gram { get; }

    /// <summary>Σ q over the row's ratings, added chunk by chunk.</summary>
    public float[] FactorSums { get; }

    /// <summary>Σ e q over the row's ratings, e the rating less the fixed part of its prediction, added chunk by chunk.</summary>
    public float[] ResidualProducts { get; }

    /// <summary>Σ q over the current chunk, summed while it is gathered.</summary>
    public float[] ChunkFactorSums { get; }

    /// <summary>Σ e q over the current chunk, summed while it is gathered.</summary>
    public float[] ChunkResidualProducts { get; }

    /// <summary>Floats between rows of <see cref="System"/>.</summary>
    public int SystemStride { get; }

    /// <summary>The k×k system of the factors once the bias is eliminated, row-major with padded rows, 64-byte aligned; only its upper triangle is used.</summary>
    public Span<float> System => _system.AsSpan(_systemOffset, _system.Length - AlignmentFloats);

    /// <summary>The right-hand side, then the solution x; padded for whole vectors, 64-byte aligned.</summary>
    public Span<float> RightHandSide => _rightHandSide.AsSpan(_rightHandSideOffset, _rightHandSide.Length - AlignmentFloats);

    /// <summary>Σ q, the factors' coupling to the bias that is eliminated before the factorization; zero past k, padded like a row of <see cref="System"/>.</summary>
    public Span<float> BiasCoupling => _biasCoupling;

    /// <summary>A pinned array of <paramref name="length"/> floats plus slack, and the offset at which they start on a 64-byte boundary (see <see cref="FloatUpperCholesky"/> for why).</summary>
    private static unsafe float[] Aligned(int length, out int offset)
    {
        float[] array = GC.AllocateArray<float>(length + AlignmentFloats, pinned: true);

        // SAFETY: the array is pinned, so its address never changes.
        nuint address = (nuint)Unsafe.AsPointer(ref array[0]);
        offset = (int)((64 - (address % 64)) % 64 / sizeof(float));
        return array;
    }
}
