using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using MatrixFactorization.Benchmarks.Synthetic;
using MatrixFactorization.Benchmarks.Training;

// Development machines share their cores, so means swing with other people's builds; the minimum and
// median columns show what the code does when it has a core to itself. The default config already
// exports GitHub markdown to BenchmarkDotNet.Artifacts/results.
// Builds get a generous timeout for the same reason: the default two minutes is not enough when
// the machine is busy.
if (args.Length > 0 && args[0] == "planted-bound")
{
    return PlantedBound.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "bpr-side-by-side")
{
    return BprSideBySide.Run(args[1..]);
}

IConfig config = DefaultConfig.Instance
    .AddColumn(StatisticColumn.Min, StatisticColumn.Median)
    .WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
