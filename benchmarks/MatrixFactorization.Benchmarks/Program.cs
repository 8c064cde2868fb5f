using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Development machines share their cores, so means swing with other people's builds; the minimum and
// median columns show what the code does when it has a core to itself. The default config already
// exports GitHub markdown to BenchmarkDotNet.Artifacts/results.
IConfig config = DefaultConfig.Instance.AddColumn(StatisticColumn.Min, StatisticColumn.Median);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
