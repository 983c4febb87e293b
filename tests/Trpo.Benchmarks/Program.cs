using BenchmarkDotNet.Running;

// Runs the benchmarks chosen with --filter (BenchmarkDotNet's switcher), e.g. --filter '*Epoch*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
