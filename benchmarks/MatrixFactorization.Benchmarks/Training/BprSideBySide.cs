using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace MatrixFactorization.Benchmarks.Training;

/// <summary>
/// BPR epochs of two builds of the library in one process, taken in turn:
/// <c>bpr-side-by-side DIR_A DIR_B SNAPSHOT [--epochs N] [--factors K] [--grid G]</c>, each directory
/// holding a build's MatrixFactorization.dll and its dependencies.
/// </summary>
/// <remarks>
/// On a shared machine the speed of one process drifts by a fifth within minutes, so two builds
/// timed one whole run after the other compare their spells as much as their code. Here each build
/// is loaded into a context of its own and trains its own model on its own copy of the data
/// (every rating an interaction, one thread), and the two alternate epoch by epoch, the order
/// swapped each epoch: both see the same spells. The ratio per epoch (B's rate over A's) and its
/// median and quartiles over epochs 2 and on are printed; the losses show whether the two builds
/// train the same model. The builds' internal types are reached by reflection, so both must have
/// the engine's shape (BprState.Create, BprGrid.Build, the BprEngine constructor, RunEpoch).
/// </remarks>
internal static class BprSideBySide
{
    public static int Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: bpr-side-by-side DIR_A DIR_B SNAPSHOT [--epochs N] [--factors K] [--grid G]");
            return 2;
        }

        int epochs = int.Parse(CommandOptions.Value(args, "--epochs", "16"), CultureInfo.InvariantCulture);
        int factors = int.Parse(CommandOptions.Value(args, "--factors", "64"), CultureInfo.InvariantCulture);
        int grid = int.Parse(CommandOptions.Value(args, "--grid", "8"), CultureInfo.InvariantCulture);
        var a = new Build(args[0], args[2], factors, grid);
        var b = new Build(args[1], args[2], factors, grid);
        var ratios = new List<double>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            (double ta, double la) = epoch % 2 == 1 ? a.Epoch(epoch) : default;
            (double tb, double lb) = b.Epoch(epoch);
            if (epoch % 2 == 0)
            {
                (ta, la) = a.Epoch(epoch);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: A {a.Count / ta / 1e6:F2}M triples/s, B {b.Count / tb / 1e6:F2}M triples/s, B/A {ta / tb:F3}; loss A {la:F1}, B {lb:F1}"));
            if (epoch > 1)
            {
                ratios.Add(ta / tb);
            }
        }

        ratios.Sort();
        if (ratios.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"B/A over epochs 2–{epochs}: median {ratios[ratios.Count / 2]:F3}, quartiles {ratios[ratios.Count / 4]:F3}–{ratios[3 * ratios.Count / 4]:F3}"));
        }

        return 0;
    }

    /// <summary>Loads a build's assemblies from its directory, apart from every other build's.</summary>
    private sealed class BuildContext(string directory) : AssemblyLoadContext(isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    /// <summary>One build's engine over its own copy of the data.</summary>
    private sealed class Build
    {
        private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        private readonly object _engine;
        private readonly MethodInfo _runEpoch;

        public Build(string directory, string snapshot, int factors, int grid)
        {
            string full = Path.GetFullPath(directory);
            Assembly library = new BuildContext(full).LoadFromAssemblyPath(Path.Combine(full, "MatrixFactorization.dll"));
            Type Type(string name) => library.GetType("MatrixFactorization." + name, throwOnError: true)!;
            object loaded = Type("Data.RatingSnapshot").GetMethod("Read", Any, [typeof(string)])!.Invoke(null, [snapshot])!;
            object store = loaded.GetType().GetProperty("Store")!.GetValue(loaded)!;
            Count = (int)store.GetType().GetProperty("Count")!.GetValue(store)!;
            Type optionsType = Type("Training.BprOptions");
            object options = Activator.CreateInstance(optionsType)!;
            optionsType.GetProperty("FactorCount")!.SetValue(options, factors);
            optionsType.GetProperty("Threads")!.SetValue(options, 1);
            optionsType.GetProperty("MinimumRating")!.SetValue(options, float.NegativeInfinity);
            optionsType.GetProperty("GridSize")!.SetValue(options, grid);
            ulong seed = (ulong)optionsType.GetProperty("Seed")!.GetValue(options)!;
            object state = Type("Training.BprState").GetMethod("Create", Any)!.Invoke(null, [store, options])!;
            object blocks = Type("Training.BprGrid").GetMethod("Build", Any)!.Invoke(null, [store, grid, seed])!;
            _engine = Type("Training.BprEngine").GetConstructors(Any)[0].Invoke([state, blocks, options]);
            _runEpoch = _engine.GetType().GetMethod("RunEpoch", Any)!;
        }

        public int Count { get; }

        public (double Seconds, double Loss) Epoch(int epoch)
        {
            long start = Stopwatch.GetTimestamp();
            double loss = (double)_runEpoch.Invoke(_engine, [epoch, 0.05f, CancellationToken.None])!;
            return (Stopwatch.GetElapsedTime(start).TotalSeconds, loss);
        }
    }
}
