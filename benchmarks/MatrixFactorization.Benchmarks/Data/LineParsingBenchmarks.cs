using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Readers;

namespace MatrixFactorization.Benchmarks.Data;

/// <summary>
/// The reader's line parser alone, on one thread, over files already in memory, against a floor:
/// a loop that reads the same numbers with no check at all (no delimiter, length, range or
/// rounding check, no careful path), writing to the same arrays. The distance between the two
/// is what the checks cost; the floor bounds what any parse of these bytes on this machine can
/// do before ids are mapped and rows sorted. Mean is per rating.
/// </summary>
[Config(typeof(Config))]
public unsafe class LineParsingBenchmarks
{
    private const int Ratings = 2_000_000;
    private static readonly double[] s_pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    private readonly ParsedBlock _parsed = new();
    private Input _csv = null!;
    private Input _libmf = null!;

    [GlobalSetup]
    public void Setup()
    {
        string folder = Path.Combine(Path.GetTempPath(), "mf-parse-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            string csv = Path.Combine(folder, "ratings.csv");
            string libmf = Path.Combine(folder, "ratings.libmf");
            RatingFileGenerator.Write(csv, libmf, Ratings, users: 14_000, items: 20_000, seed: 42);
            _csv = new Input(csv, new RatingReadOptions());
            _libmf = new Input(libmf, new RatingReadOptions { Format = RatingFormat.Libmf });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Benchmark(OperationsPerInvoke = Ratings, Baseline = true)]
    public int Parser_MovieLensCsv() => Parse(_csv);

    [Benchmark(OperationsPerInvoke = Ratings)]
    public int NoChecks_MovieLensCsv() => NoChecks(_csv, timed: true);

    [Benchmark(OperationsPerInvoke = Ratings)]
    public int Parser_Libmf() => Parse(_libmf);

    [Benchmark(OperationsPerInvoke = Ratings)]
    public int NoChecks_Libmf() => NoChecks(_libmf, timed: false);

    private int Parse(Input input)
    {
        int count = 0;
        foreach (ArraySegment<byte> block in input.Blocks)
        {
            input.Parser.Parse(block, _parsed);
            count += _parsed.Count;
        }

        return count;
    }

    private int NoChecks(Input input, bool timed)
    {
        int count = 0;
        foreach (ArraySegment<byte> block in input.Blocks)
        {
            _parsed.Reset(block.Count, timed);
            fixed (byte* start = block.AsSpan())
            {
                count += NoChecks(start, start + block.Count, timed);
            }
        }

        return count;
    }

    private int NoChecks(byte* p, byte* end, bool timed)
    {
        long[] users = _parsed.Users, items = _parsed.Items, times = _parsed.Times;
        float[] values = _parsed.Values;
        int n = 0;
        uint d;
        while (p < end)
        {
            long user = 0, item = 0, time = 0;
            uint significand = 0;
            int fraction = 0;
            for (; (d = (uint)(*p - '0')) <= 9; p++)
            {
                user = (user * 10) + d;
            }

            for (p++; (d = (uint)(*p - '0')) <= 9; p++)
            {
                item = (item * 10) + d;
            }

            for (p++; (d = (uint)(*p - '0')) <= 9; p++)
            {
                significand = (significand * 10) + d;
            }

            if (*p == '.')
            {
                for (p++; (d = (uint)(*p - '0')) <= 9; p++, fraction++)
                {
                    significand = (significand * 10) + d;
                }
            }

            if (timed)
            {
                for (p++; (d = (uint)(*p - '0')) <= 9; p++)
                {
                    time = (time * 10) + d;
                }

                times[n] = time;
            }

            p++;
            users[n] = user;
            items[n] = item;
            values[n] = (float)(significand / s_pow10[fraction]);
            n++;
        }

        return n;
    }

    /// <summary>A file in memory, cut into the reader's blocks of whole lines after its header.</summary>
    private sealed class Input
    {
        public Input(string path, RatingReadOptions options)
        {
            byte[] bytes = File.ReadAllBytes(path);
            TextLayout layout = LayoutDetector.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 1 << 16)), bytes.Length <= 1 << 16, options, path);
            Parser = new FastLineParser(layout, scale: null);
            int at = layout.HasHeader ? bytes.AsSpan().IndexOf((byte)'\n') + 1 : 0;
            while (at < bytes.Length)
            {
                int end = Math.Min(bytes.Length, at + ChunkBuffer.DefaultSize);
                if (end < bytes.Length)
                {
                    end = at + bytes.AsSpan(at, end - at).LastIndexOf((byte)'\n') + 1;
                }

                Blocks.Add(new ArraySegment<byte>(bytes, at, end - at));
                at = end;
            }
        }

        public FastLineParser Parser { get; }

        public List<ArraySegment<byte>> Blocks { get; } = [];
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new RatingsPerSecondColumn());
    }
}
