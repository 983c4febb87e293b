namespace Trpo.Core.Numerics;

/// <summary>
/// Deterministic transcendentals: pure managed implementations that give the same bits on every OS and CPU.
/// </summary>
/// <remarks>
/// <para>
/// Why: <c>Math.Exp</c> and friends call the platform's C library, whose results can differ by an ulp between
/// glibc, the Windows CRT and Apple's libm. Golden traces must be identical bit for bit everywhere (see
/// <c>design.md</c>, "Determinism rules"), so every transcendental in computed data goes through this class.
/// </para>
/// <para>
/// How determinism is obtained: only IEEE-754 basic operations in binary64 (+, -, *, /, sqrt), exact
/// operations (<see cref="Math.Abs(double)"/>, <see cref="Math.Round(double)"/>, <see cref="Math.CopySign"/>,
/// bit manipulation) and integer arithmetic, each evaluated in the order written. RyuJIT never contracts
/// <c>a * b + c</c> into a fused multiply-add and never re-associates floating-point expressions, and .NET
/// runs with gradual underflow (no flush-to-zero), so the same code gives the same bits on x64 and arm64.
/// No <c>Vector&lt;T&gt;</c>. Fused multiply-add in two ways only: for the exact error of a product (TwoProduct, TwoSquare),
/// where it gives the same double as Dekker's splitting (used when the CPU has no FMA), so no result depends on it; and
/// in tanh, where every a·b + c is fused on purpose (Math.FusedMultiplyAdd, Vector256.FusedMultiplyAdd: one rounding, in
/// hardware or in software), so its bits are the same with or without an FMA unit.
/// </para>
/// <para>
/// How accuracy is obtained: each function reduces its argument exactly (or to about 2^-100 absolute), looks
/// up a table value stored as an unevaluated sum of two doubles ("double-double", about 106 bits), evaluates a
/// short polynomial, and carries the leading terms as exact sums and products (Knuth's TwoSum, Dekker's
/// TwoProduct with Veltkamp splitting) until one final rounding. The intermediate result is accurate to about
/// 2^-68 relative or better, so the returned double is the correctly rounded value except when the true
/// value lies within about 2^-68 relative of a rounding midpoint, where the error is still below 0.5001 ulp.
/// Measured against mpmath at 128 bits (README, "Determinism"): 3 of 1.6 million sin and cos arguments (angles
/// up to ±400 and |x| up to 2^20) not correctly rounded, worst 0.5000082 ulp; none of 1 million exp and log
/// arguments. tanh is the exception: built for speed, it is within 0.52 ulp (measured 0.5103), see <see cref="Tanh(double)"/>. The test suite checks the contract and these figures against an independent 300-bit
/// reference (see <c>tests/Trpo.Core.Tests/Numerics</c>); the measured figures are quoted on each function.
/// </para>
/// <para>
/// Cost (x64, .NET 10, throughput over an array, noisy shared machine): exp about 15 ns, log about 22 ns,
/// tanh about 3-4 ns over a span and 10-14 ns scalar, sin/cos about 12-16 ns for moderate arguments and 25 ns for huge ones; roughly
/// 3-6x Math.Exp/Math.Log, on a par with Math.Tanh/Sin/Cos (glibc). No allocation after the first call.
/// </para>
/// <para>
/// Tables and constants (ln 2, pi/2 and its Cody–Waite split, 2^(j/128), log(1 + j/256), sin and cos of
/// j/128, the bits of 2/pi) are not typed in by hand: they are computed once, with exact
/// <see cref="System.Numerics.BigInteger"/> fixed-point arithmetic, when the class is first used (about a
/// millisecond; the 2/pi bits only when a huge argument first reaches sin or cos). See DetMath.Tables.cs.
/// </para>
/// </remarks>
public static partial class DetMath
{
}
