using System.Buffers;
using System.Globalization;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>
/// Generates rating sets from a planted model (see <see cref="SyntheticOptions"/>), to test that
/// models recover a known truth down to a known noise floor, and to benchmark at scale.
/// </summary>
/// <remarks>
/// <para>
/// Construction draws the model and decides how many ratings each user gets; <see cref="Generate"/>
/// and <see cref="WriteLibmf(Stream, IProgress{long})"/> then draw the ratings. Every user's ratings come
/// from a random stream of their own, seeded from (seed, user), and the work is cut into fixed
/// chunks of users that threads pick up in any order, so the output is fixed by the options
/// alone: the same on any machine, with any number of threads. Generating the same options twice
/// gives identical data, and the file holds exactly the ratings of the store.
/// </para>
/// <para>
/// Each user rates distinct items, drawn without replacement with probability proportional to
/// item popularity; ratings come out in store order (by user, then item).
/// </para>
/// </remarks>
public sealed class SyntheticRatingGenerator
{
    // About this many ratings per chunk: big enough to amortize scheduling, small enough to balance.
    private const long ChunkRatings = 1 << 16;

    private readonly int[] _counts;
    private readonly long[] _offsets;
    private readonly int[] _chunkStarts;
    private readonly RatingDrawer _drawer;
    private readonly int _maxDegreeOfParallelism;

    /// <summary>Draws the planted model and the number of ratings of each user.</summary>
    /// <param name="options">The shape, model and seed.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use, or -1 for all cores. It changes the speed, never the output.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <c>Ratings</c> exceeds <c>Users × Items</c>, the factors do not fit in an array, or
    /// <paramref name="maxDegreeOfParallelism"/> is 0 or below -1.
    /// </exception>
    public SyntheticRatingGenerator(SyntheticOptions options, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 (all cores) or a thread count of at least 1.");
        }

        options.Validate();
        Options = options;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
        Model = PlantedModel.Draw(options, maxDegreeOfParallelism);
        double[] userWeights = Popularity.Weights(options.Users, options.UserPopularityExponent, options.Seed, StreamPurpose.UserPopularity);
        double[] itemWeights = Popularity.Weights(options.Items, options.ItemPopularityExponent, options.Seed, StreamPurpose.ItemPopularity);
        _counts = Popularity.Counts(userWeights, options.Ratings, options.Items);
        _drawer = new RatingDrawer(options, Model, new ItemSampler(itemWeights));
        (_offsets, _chunkStarts) = Plan(_counts);
    }

    /// <summary>The options this generator was made with.</summary>
    public SyntheticOptions Options { get; }

    /// <summary>The planted truth.</summary>
    public PlantedModel Model { get; }

    /// <summary>The number of ratings each user gets; they add up to <c>Ratings</c> exactly.</summary>
    public ReadOnlySpan<int> UserRatingCounts => _counts;

    /// <summary>Generates the ratings into a store, using all the generator's threads.</summary>
    /// <returns>The store, the planted model and the exact noise floor.</returns>
    /// <exception cref="InvalidOperationException"><c>Ratings</c> exceeds what one store can hold; use <see cref="WriteLibmf(Stream, IProgress{long})"/>.</exception>
    public SyntheticDataset Generate()
    {
        long total = Options.Ratings;
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A store holds at most {Array.MaxLength} ratings; {total} were asked for. Stream them with WriteLibmf instead."));
        }

        // Every position is written by exactly one user, so zeroing gigabytes first would be wasted.
        int[] users = GC.AllocateUninitializedArray<int>((int)total);
        int[] items = GC.AllocateUninitializedArray<int>((int)total);
        float[] values = GC.AllocateUninitializedArray<float>((int)total);
        var userOffsets = new int[Options.Users + 1];
        for (int u = 0; u <= Options.Users; u++)
        {
            userOffsets[u] = (int)_offsets[u];
        }

        int chunks = _chunkStarts.Length - 1;
        var squaredErrors = new double[chunks];
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism },
            _drawer.CreateScratch,
            (chunk, _, scratch) =>
            {
                double sum = 0;
                for (int u = _chunkStarts[chunk]; u < _chunkStarts[chunk + 1]; u++)
                {
                    int start = userOffsets[u], count = _counts[u];
                    users.AsSpan(start, count).Fill(u);
                    sum += _drawer.Draw(u, items.AsSpan(start, count), values.AsSpan(start, count), scratch);
                }

                squaredErrors[chunk] = sum;
                return scratch;
            },
            _ => { });

        var store = new RatingStore(DenseIds(Options.Users), DenseIds(Options.Items), userOffsets, items, values, null, 0);
        return new SyntheticDataset(store, Model, NoiseFloor(squaredErrors, total));
    }

    /// <summary>
    /// Streams the ratings to a stream as LIBMF text (<c>user item rating</c>, one space, one rating
    /// a line, in store order) without holding them all in memory.
    /// </summary>
    /// <param name="output">A writable stream; it is not closed.</param>
    /// <param name="progress">Told the ratings written so far after each chunk of about 65,000
    /// (out of <c>Ratings</c>), on the writing thread; null for no reports.</param>
    /// <returns>Counts and the exact noise floor of what was written.</returns>
    public SyntheticFileSummary WriteLibmf(Stream output, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        int workers = _maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : _maxDegreeOfParallelism;
        double squaredError = 0;
        long bytes = 0;
        int written = 0;

        // Chunks are generated in parallel and written in chunk order, so the file is the same
        // whatever the thread count; summing errors in chunk order keeps the noise floor
        // identical to Generate's too.
        OrderedPipeline.Run(
            _chunkStarts.Length - 1,
            workers,
            window: 8 * workers,
            _drawer.CreateScratch,
            FormatChunk,
            text =>
            {
                try
                {
                    output.Write(text.Bytes, 0, text.Length);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(text.Bytes);
                }

                bytes += text.Length;
                squaredError += text.SquaredError;
                written++;
                progress?.Report(_offsets[_chunkStarts[written]]);
            });

        output.Flush();
        return new SyntheticFileSummary(Options.Ratings, bytes, Math.Sqrt(Options.Ratings == 0 ? 0 : squaredError / Options.Ratings));
    }

    /// <summary>Writes the ratings to a file as LIBMF text, replacing any file already there.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="progress">Told the ratings written so far after each chunk, as for <see cref="WriteLibmf(Stream, IProgress{long})"/>.</param>
    /// <returns>Counts and the exact noise floor of what was written.</returns>
    public SyntheticFileSummary WriteLibmf(string path, IProgress<long>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // Writes are whole chunks of about a megabyte, so the stream's own buffer would only add a copy.
        return AtomicFile.Write(path, bufferSize: 1, stream => WriteLibmf(stream, progress));
    }

    private ChunkText FormatChunk(int chunk, ItemSampler.Scratch scratch)
    {
        int firstUser = _chunkStarts[chunk], endUser = _chunkStarts[chunk + 1];
        int count = (int)(_offsets[endUser] - _offsets[firstUser]);
        int widest = 0;
        for (int u = firstUser; u < endUser; u++)
        {
            widest = Math.Max(widest, _counts[u]);
        }

        byte[] text = ArrayPool<byte>.Shared.Rent(Math.Max(1, checked(count * LibmfText.MaxLineBytes)));
        int[] items = ArrayPool<int>.Shared.Rent(widest);
        float[] values = ArrayPool<float>.Shared.Rent(widest);
        double squaredError = 0;
        int length = 0;
        for (int u = firstUser; u < endUser; u++)
        {
            Span<int> userItems = items.AsSpan(0, _counts[u]);
            Span<float> userValues = values.AsSpan(0, _counts[u]);
            squaredError += _drawer.Draw(u, userItems, userValues, scratch);
            length += LibmfText.Format(u, userItems, userValues, Options.RoundToHalfStars, text.AsSpan(length));
        }

        ArrayPool<int>.Shared.Return(items);
        ArrayPool<float>.Shared.Return(values);
        return new ChunkText(text, length, squaredError);
    }

    private readonly record struct ChunkText(byte[] Bytes, int Length, double SquaredError);

    private static double NoiseFloor(double[] squaredErrors, long count)
    {
        double sum = 0;
        foreach (double e in squaredErrors)
        {
            sum += e;
        }

        return count == 0 ? 0 : Math.Sqrt(sum / count);
    }

    private static (long[] Offsets, int[] ChunkStarts) Plan(int[] counts)
    {
        var offsets = new long[counts.Length + 1];
        var starts = new List<int> { 0 };
        long inChunk = 0;
        for (int u = 0; u < counts.Length; u++)
        {
            offsets[u + 1] = offsets[u] + counts[u];
            inChunk += counts[u];
            if (inChunk >= ChunkRatings && u + 1 < counts.Length)
            {
                starts.Add(u + 1);
                inChunk = 0;
            }
        }

        starts.Add(counts.Length);
        return (offsets, [.. starts]);
    }

    private static IdMap DenseIds(int count)
    {
        var map = new IdMap(IdKind.Integer);
        for (int id = 0; id < count; id++)
        {
            map.GetOrAdd(id);
        }

        return map;
    }
}
