using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Runs the benchmarks chosen with --filter (BenchmarkDotNet's switcher), e.g. --filter '*Epoch*'. Besides the mean,
// the tables show the median (what the README quotes) and the minimum (the least disturbed run on a shared machine).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, DefaultConfig.Instance.AddColumn(StatisticColumn.Median, StatisticColumn.Min));
