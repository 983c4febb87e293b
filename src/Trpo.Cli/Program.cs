using Trpo.Cli;
using Trpo.Cli.Hosting;

// Thin entry point: everything, from parsing to exit codes, is in CliApp so tests can run it in-process.
using var signals = new ShutdownSignals(Console.Error);
return await CliApp.RunAsync(args, Console.Out, Console.Error, signals.Stop);
