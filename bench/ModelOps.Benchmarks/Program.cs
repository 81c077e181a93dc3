BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(ModelOps.Benchmarks.InferenceBenchmarks).Assembly).Run(args);
