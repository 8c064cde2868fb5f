using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Tests.Fuzz;

/// <summary>
/// Every reader of outside data, each with its seed corpus (Fuzz/corpus/&lt;name&gt;) and the options
/// it is read with; the options are drawn from the same seeded source as the mutations.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>
    /// What the model loader may allocate for a file of n bytes: 32n + 1 MB. The worst files
    /// measured (ModelAllocationTests) cost 9 bytes per byte with integer ids and 27 with short
    /// string ids, whose few bytes each become a string object, a dictionary entry and a list slot;
    /// the megabyte covers the fixed cost of small files. docs/fuzzing.md has the numbers.
    /// </summary>
    public static long ModelAllocationBound(long size) => (32 * size) + (1 << 20);

    public static string CorpusFolder => Path.Combine(AppContext.BaseDirectory, "Fuzz", "corpus");

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        Ratings("csv", RatingFormat.MovieLens),
        Ratings("ml100k", RatingFormat.Ml100k),
        Ratings("dat", RatingFormat.Dat),
        Ratings("libmf", RatingFormat.Libmf),
        Ratings("delimited", RatingFormat.Delimited),
        Gzip(),
        Catalog(),
        Model(),
        Snapshot(),
    ];

    public static IReadOnlyList<byte[]> Load(string name) =>
        [.. Directory.GetFiles(Path.Combine(CorpusFolder, name)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];

    private static bool IsRatingError(Exception e) => e is RatingDataException;

    private static FuzzTarget Ratings(string name, RatingFormat format)
    {
        IReadOnlyList<byte[]> corpus = Load(name);
        return new FuzzTarget(name, corpus, (random, mutator) =>
        {
            RatingReadOptions options = DrawOptions(random, format);
            byte[] bytes = mutator.Next(textual: true).Bytes;
            return new FuzzCase(bytes, b => ReadRatings(b, options), null, options.ToString());
        }, IsRatingError);
    }

    private static FuzzTarget Gzip()
    {
        IReadOnlyList<byte[]> compressed = Load("gzip");
        IReadOnlyList<byte[]> texts = [.. compressed.Select(Mutator.Gunzip), .. Load("csv")];
        return new FuzzTarget("gzip", compressed, (random, mutator) =>
        {
            RatingReadOptions options = DrawOptions(random, RatingFormat.MovieLens);
            bool damageText = random.Next(2) == 0;
            byte[] bytes = damageText
                ? Mutator.Gzip(new Mutator(random, texts).Next(textual: true).Bytes)
                : mutator.Next(textual: false).Bytes;
            string how = damageText ? "gzip of mutated text" : "mutated gzip";
            return new FuzzCase(bytes, b => ReadRatings(b, options), null, $"{how}; {options}");
        }, IsRatingError);
    }

    private static FuzzTarget Catalog()
    {
        IReadOnlyList<byte[]> corpus = Load("catalog");
        return new FuzzTarget("catalog", corpus, (random, mutator) =>
        {
            bool compress = random.Next(8) == 0;
            byte[] text = mutator.Next(textual: true).Bytes;
            byte[] bytes = compress ? Mutator.Gzip(text) : text;
            return new FuzzCase(bytes, b => ItemCatalog.Read(new MemoryStream(b), "catalog"), null, compress ? "gzip" : "plain");
        }, IsRatingError);
    }

    /// <summary>
    /// Binary rating snapshots, made from the csv seeds. Their checksums stay as mutated, so most
    /// inputs stop at the header, section and file checks, which are what must hold against damage.
    /// </summary>
    private static FuzzTarget Snapshot()
    {
        IReadOnlyList<byte[]> corpus = [.. Load("csv").Select(ToSnapshot)];
        return new FuzzTarget("snapshot", corpus, (random, mutator) =>
        {
            byte[] bytes = mutator.Next(textual: false).Bytes;
            return new FuzzCase(bytes, b => RatingSnapshot.Read(new MemoryStream(b, writable: false), "fuzz"), null, "checksums as mutated");
        }, IsRatingError);
    }

    private static byte[] ToSnapshot(byte[] csv)
    {
        var options = new RatingReadOptions { Format = RatingFormat.MovieLens, Duplicates = DuplicatePolicy.KeepLast, Threads = 1 };
        using var output = new MemoryStream();
        RatingSnapshot.Write(RatingReader.Read(new MemoryStream(csv, writable: false), options).Store, output);
        return output.ToArray();
    }

    private static FuzzTarget Model()
    {
        IReadOnlyList<byte[]> corpus = [.. Load("model"), .. ModelFiles.Version2Copies(Load("model"))];
        return new FuzzTarget("model", corpus, (random, mutator) =>
        {
            // Most inputs get fresh checksums, or nearly every one would stop at the first check
            // and the codecs behind it would never see damaged data.
            bool reseal = random.Next(8) != 0;
            byte[] bytes = mutator.Next(textual: false).Bytes;
            if (reseal)
            {
                bytes = ModelFiles.Reseal(bytes);
            }

            return new FuzzCase(bytes, b => ModelSerializer.Open(new MemoryStream(b, writable: false)), UseModel, reseal ? "resealed" : "checksums as mutated");
        }, e => e is ModelFormatException, ModelAllocationBound);
    }

    private static LoadResult ReadRatings(byte[] bytes, RatingReadOptions options) =>
        RatingReader.Read(new MemoryStream(bytes, writable: false), options);

    /// <summary>A file that loads must give a usable model: scoring its users must not fail.</summary>
    private static void UseModel(object? opened)
    {
        IScoringModel model = ((ModelFile)opened!).Model;
        var scores = new float[model.Items.Count];
        for (int user = 0; user < Math.Min(model.Users.Count, 4); user++)
        {
            model.ScoreItems(user, scores);
        }

        model.ScoreItems(-1, scores);
    }

    private static RatingReadOptions DrawOptions(Random random, RatingFormat format)
    {
        RatingReadOptions options = new()
        {
            Format = random.Next(3) == 0 ? RatingFormat.Auto : format,
            SkipBadLines = random.Next(2) == 0,
            MaxErrors = random.Next(4) == 0 ? 0 : 100,
            Duplicates = (DuplicatePolicy)random.Next(Enum.GetValues<DuplicatePolicy>().Length),
            IgnoreTimestamps = random.Next(4) == 0,
            Threads = 1,
            SourceName = "fuzz",
        };

        return random.Next(4) switch
        {
            0 => options with { Ids = random.Next(2) == 0 ? IdKind.String : IdKind.Integer },
            1 when format == RatingFormat.Delimited => options with { Delimiter = random.Next(2) == 0 ? ";" : "|", HasHeader = true },
            _ => options,
        };
    }
}
