using BenchmarkDotNet.Attributes;
using Trpo.Core.Numerics;

namespace Trpo.Benchmarks;

/// <summary>
/// The dense kernels on the sb3 preset's shapes ([64, 64] tanh layers, a 2-wide head): a critic minibatch of 128 rows
/// and a policy batch of 2048 rows, the latter in chunks of <see cref="Workers.ChunkRows"/> rows as the network calls them.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int Width = 64, Head = 2;
    private double[] _a = null!, _b = null!, _m = null!, _w = null!, _bias = null!, _z = null!, _d = null!, _dHead = null!, _g = null!, _p = null!, _mHead = null!;

    [Params(128, 2048)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = Rng.ForStream(11, RngPurpose.Test);
        double[] Gaussian(int n, double scale = 1.0) => Enumerable.Range(0, n).Select(_ => scale * rng.NextGaussian()).ToArray();
        _a = Gaussian(Rows * Width, 0.5);
        _b = Gaussian(Rows * Width);
        _m = Gaussian(Width * Width, 0.1);
        _w = Gaussian(Width * Width, 0.1);
        _mHead = Gaussian(Width * Head, 0.1);
        _bias = Gaussian(Width);
        _d = Gaussian(Rows * Width);
        _dHead = Gaussian(Rows * Head);
        _g = new double[Width * Width];
        _z = new double[Rows * Width];
        _p = new double[Rows * Width];
    }

    /// <summary>Calls <paramref name="kernel"/>(start, count) on the rows in chunks of <see cref="Workers.ChunkRows"/>.</summary>
    private void Chunked(Action<int, int> kernel)
    {
        for (int start = 0; start < Rows; start += Workers.ChunkRows) kernel(start, Math.Min(Workers.ChunkRows, Rows - start));
    }

    [Benchmark(Description = "AffineRows 64x64")]
    public double AffineRows()
    {
        Chunked((s, n) => Kernels.AffineRows(_a.AsSpan(s * Width, n * Width), n, Width, _m, Width, _bias, _z.AsSpan(s * Width, n * Width)));
        return _z[0];
    }

    [Benchmark(Description = "AffineRows 64x2 (head)")]
    public double AffineRowsHead()
    {
        Chunked((s, n) => Kernels.AffineRows(_a.AsSpan(s * Width, n * Width), n, Width, _mHead, Head, _bias, _z.AsSpan(s * Head, n * Head)));
        return _z[0];
    }

    [Benchmark(Description = "AffinePairRows 64x64")]
    public double AffinePairRows()
    {
        Chunked((s, n) => Kernels.AffinePairRows(_a.AsSpan(s * Width, n * Width), _b.AsSpan(s * Width, n * Width), n, Width, _m, _w, Width, _bias, _z.AsSpan(s * Width, n * Width)));
        return _z[0];
    }

    [Benchmark(Description = "AddOuterProducts 64x64")]
    public double AddOuterProducts()
    {
        Chunked((s, n) => Kernels.AddOuterProducts(_a.AsSpan(s * Width, n * Width), Width, _d.AsSpan(s * Width, n * Width), Width, n, _g));
        return _g[0];
    }

    [Benchmark(Description = "AddOuterProducts 64x2 (head)")]
    public double AddOuterProductsHead()
    {
        Chunked((s, n) => Kernels.AddOuterProducts(_a.AsSpan(s * Width, n * Width), Width, _dHead.AsSpan(s * Head, n * Head), Head, n, _g));
        return _g[0];
    }

    [Benchmark(Description = "BackpropTanhRows 64x64")]
    public double BackpropTanhRows()
    {
        Chunked((s, n) => Kernels.BackpropTanhRows(_m, Width, Width, _d.AsSpan(s * Width, n * Width), _a.AsSpan(s * Width, n * Width), n, _p.AsSpan(s * Width, n * Width)));
        return _p[0];
    }

    [Benchmark(Description = "BackpropTanhRows 64x2 (head)")]
    public double BackpropTanhRowsHead()
    {
        Chunked((s, n) => Kernels.BackpropTanhRows(_mHead, Width, Head, _dHead.AsSpan(s * Head, n * Head), _a.AsSpan(s * Width, n * Width), n, _p.AsSpan(s * Width, n * Width)));
        return _p[0];
    }
}

/// <summary>The one-row forward pass of a rollout step through a [4 → 64 → 64 → 2] network: its three matrix products.</summary>
[MemoryDiagnoser]
public class RowKernelBenchmarks
{
    private double[] _x = null!, _h = null!, _m0 = null!, _m1 = null!, _m2 = null!, _z = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = Rng.ForStream(12, RngPurpose.Test);
        double[] Gaussian(int n) => Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        _x = Gaussian(4);
        _h = Gaussian(64);
        _m0 = Gaussian(4 * 64);
        _m1 = Gaussian(64 * 64);
        _m2 = Gaussian(64 * 2);
        _z = new double[64];
    }

    [Benchmark(Description = "RowTimesMatrix 64x64")]
    public double RowTimesMatrix64()
    {
        Kernels.RowTimesMatrix(_h, _m1, 64, _z);
        return _z[0];
    }

    [Benchmark(Description = "RowTimesMatrix 4x64, 64x64, 64x2")]
    public double RowTimesMatrixNetwork()
    {
        Kernels.RowTimesMatrix(_x, _m0, 64, _z);
        Kernels.RowTimesMatrix(_h, _m1, 64, _z);
        Kernels.RowTimesMatrix(_h, _m2, 2, _z);
        return _z[0];
    }
}
