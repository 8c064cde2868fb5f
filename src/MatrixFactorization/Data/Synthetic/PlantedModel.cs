using System.Numerics.Tensors;
using System.Runtime.Intrinsics.X86;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>
/// The true model behind a synthetic rating set: global mean, user and item biases, rank-r
/// factors and the noise level. Indices are the generated store's dense indices, which equal the
/// raw ids.
/// </summary>
/// <remarks>Instances are immutable and safe to read from many threads.</remarks>
public sealed class PlantedModel
{
    private readonly float[] _userBiases;
    private readonly float[] _itemBiases;
    private readonly float[] _userFactors;
    private readonly float[] _itemFactors;

    internal PlantedModel(double globalMean, double noiseSd, int rank, float[] userBiases, float[] itemBiases, float[] userFactors, float[] itemFactors)
    {
        GlobalMean = globalMean;
        NoiseSd = noiseSd;
        Rank = rank;
        _userBiases = userBiases;
        _itemBiases = itemBiases;
        _userFactors = userFactors;
        _itemFactors = itemFactors;
    }

    /// <summary>The global mean rating.</summary>
    public double GlobalMean { get; }

    /// <summary>The configured standard deviation of the noise added to each rating (before any rounding).</summary>
    public double NoiseSd { get; }

    /// <summary>The rank of the factors.</summary>
    public int Rank { get; }

    /// <summary>The number of users.</summary>
    public int UserCount => _userBiases.Length;

    /// <summary>The number of items.</summary>
    public int ItemCount => _itemBiases.Length;

    /// <summary>The bias of each user.</summary>
    public ReadOnlySpan<float> UserBiases => _userBiases;

    /// <summary>The bias of each item.</summary>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    /// <summary>All user factors, row-major: user u's are at <c>[u × Rank, (u + 1) × Rank)</c>.</summary>
    public ReadOnlySpan<float> UserFactors => _userFactors;

    /// <summary>All item factors, row-major: item i's are at <c>[i × Rank, (i + 1) × Rank)</c>.</summary>
    public ReadOnlySpan<float> ItemFactors => _itemFactors;

    /// <summary>The factors of one user.</summary>
    /// <param name="user">A user index in [0, UserCount).</param>
    /// <returns>The user's <see cref="Rank"/> factors.</returns>
    public ReadOnlySpan<float> GetUserFactors(int user) => _userFactors.AsSpan(CheckUser(user) * Rank, Rank);

    /// <summary>The factors of one item.</summary>
    /// <param name="item">An item index in [0, ItemCount).</param>
    /// <returns>The item's <see cref="Rank"/> factors.</returns>
    public ReadOnlySpan<float> GetItemFactors(int item) => _itemFactors.AsSpan(CheckItem(item) * Rank, Rank);

    /// <summary>
    /// The planted mean rating <c>GlobalMean + b_u + b_i + p_u · q_i</c>, before noise and rounding:
    /// the prediction a perfect model makes, and the reference of the generator's noise floor.
    /// </summary>
    /// <param name="user">A user index in [0, UserCount).</param>
    /// <param name="item">An item index in [0, ItemCount).</param>
    /// <returns>The planted mean rating.</returns>
    public double Predict(int user, int item) => PredictUnchecked(CheckUser(user), CheckItem(item));

    internal double PredictUnchecked(int user, int item)
    {
        float dot = Rank == 0
            ? 0f
            : TensorPrimitives.Dot(
                new ReadOnlySpan<float>(_userFactors, user * Rank, Rank),
                new ReadOnlySpan<float>(_itemFactors, item * Rank, Rank));
        return GlobalMean + _userBiases[user] + _itemBiases[item] + dot;
    }

    /// <summary>Asks the CPU to start loading an item's bias and factors into cache.</summary>
    internal unsafe void Prefetch(int item)
    {
        if (Sse.IsSupported)
        {
            fixed (float* factors = _itemFactors)
            fixed (float* biases = _itemBiases)
            {
                Sse.Prefetch0(factors + ((long)item * Rank));
                Sse.Prefetch0(biases + item);
            }
        }
    }

    /// <summary>Draws a model from the options: each user's and item's parameters come from their own seeded stream.</summary>
    internal static PlantedModel Draw(SyntheticOptions options, int maxDegreeOfParallelism)
    {
        int rank = options.Rank;
        var userBiases = new float[options.Users];
        var itemBiases = new float[options.Items];
        var userFactors = new float[(long)options.Users * rank];
        var itemFactors = new float[(long)options.Items * rank];
        Fill(options.Seed, StreamPurpose.UserParameters, userBiases, userFactors, rank, options.UserBiasSd, options.FactorSd, maxDegreeOfParallelism);
        Fill(options.Seed, StreamPurpose.ItemParameters, itemBiases, itemFactors, rank, options.ItemBiasSd, options.FactorSd, maxDegreeOfParallelism);
        return new PlantedModel(options.GlobalMean, options.NoiseSd, rank, userBiases, itemBiases, userFactors, itemFactors);
    }

    private static void Fill(ulong seed, ulong purpose, float[] biases, float[] factors, int rank, double biasSd, double factorSd, int maxDegreeOfParallelism)
    {
        const int Block = 4096;
        int blocks = (biases.Length + Block - 1) / Block;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, b =>
        {
            int end = Math.Min(biases.Length, (b + 1) * Block);
            for (int k = b * Block; k < end; k++)
            {
                var random = SeededRandom.ForStream(seed, purpose, (ulong)k);
                biases[k] = (float)(biasSd * random.NextGaussian());
                Span<float> row = factors.AsSpan(k * rank, rank);
                for (int f = 0; f < rank; f++)
                {
                    row[f] = (float)(factorSd * random.NextGaussian());
                }
            }
        });
    }

    private int CheckUser(int user) => (uint)user < (uint)UserCount
        ? user
        : throw new ArgumentOutOfRangeException(nameof(user), user, $"A user index must be in [0, {UserCount}).");

    private int CheckItem(int item) => (uint)item < (uint)ItemCount
        ? item
        : throw new ArgumentOutOfRangeException(nameof(item), item, $"An item index must be in [0, {ItemCount}).");
}
