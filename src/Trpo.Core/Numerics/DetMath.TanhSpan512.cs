using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    // The span tanh with eight lanes per 512-bit register, where Vector512 is hardware accelerated (AVX-512). Each lane holds
    // one element and runs exactly the operations of the scalar Tanh(double) in its order, as the four-lane stages in
    // DetMath.TanhSpan.cs do: every a·b + c is one Vector512.FusedMultiplyAdd (one rounding, as Math.FusedMultiplyAdd; the
    // scalar's fma(−a, b, c) one Avx512F.FusedMultiplyAddNegated, −(a·b) + c, the same rounded value), the other operations
    // are the same IEEE basic operations, and the branches are selects. Lanes never mix (the only cross-lane
    // work is the table lookup, which moves whole table entries into their lanes), so the bits are the scalar function's
    // whatever the register width.
    //
    // One stage, not the four-lane code's two: the division (2/dHi) takes the divider 16 cycles per eight lanes whatever the
    // width, about half of a group's time. Staged, the second stage waits on the divider while the lookup-heavy first stage
    // had left it idle; in one loop the divider works while the shuffle port does the next group's lookup. Two groups of
    // eight per iteration, interleaved step by step, give the core two independent chains to overlap (probe, 1024 elements:
    // staged 2.2–2.4 ns per element, one stage 2.06, two groups 1.9–2.05; the four-lane stages 2.9).

    /// <summary>
    /// y_i = <see cref="Tanh(double)"/>(x_i) eight lanes at a time for i below the last multiple of 8, where Vector512 is
    /// hardware accelerated; returns how many elements it did (0 elsewhere). y may be x (each group is loaded before it is stored).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TanhLanes512(ReadOnlySpan<double> x, Span<double> y)
    {
        if (!Vector512.IsHardwareAccelerated || !Avx512F.IsSupported) return 0;
        int end = x.Length & ~7;
        if (end == 0) return 0;
        if (y.Length < end) throw new ArgumentException($"output has length {y.Length}, input {x.Length}");
        ref double xRef = ref MemoryMarshal.GetReference(x);
        ref double yRef = ref MemoryMarshal.GetReference(y);
        ref double tableRef = ref MemoryMarshal.GetArrayDataReference(Tables.ExpHiLo);
        // the table indices of the two groups pass through memory (one store, then scalar loads: no extract instructions)
        Span<int> indices = stackalloc int[16];
        ref int first = ref MemoryMarshal.GetReference(indices);
        ref int second = ref Unsafe.Add(ref first, 8);
        int i = 0;
        for (; i + 16 <= end; i += 16)
        {
            var x0 = Vector512.LoadUnsafe(ref xRef, (nuint)i);
            var x1 = Vector512.LoadUnsafe(ref xRef, (nuint)i + 8);
            var a0 = Vector512.Abs(x0);
            var a1 = Vector512.Abs(x1);
            // saturated, infinite and NaN lanes give garbage here (the table index is masked, nothing traps); TanhFromExpLanes replaces them
            var e0Hi = ExpOfTwiceLanes(a0, ref tableRef, ref first, out var e0Lo);
            var e1Hi = ExpOfTwiceLanes(a1, ref tableRef, ref second, out var e1Lo);
            var y0 = TanhFromExpLanes(x0, a0, e0Hi, e0Lo);
            var y1 = TanhFromExpLanes(x1, a1, e1Hi, e1Lo);
            y0.StoreUnsafe(ref yRef, (nuint)i);
            y1.StoreUnsafe(ref yRef, (nuint)i + 8);
        }
        if (i < end)
        {
            var x0 = Vector512.LoadUnsafe(ref xRef, (nuint)i);
            var a0 = Vector512.Abs(x0);
            var e0Hi = ExpOfTwiceLanes(a0, ref tableRef, ref first, out var e0Lo);
            TanhFromExpLanes(x0, a0, e0Hi, e0Lo).StoreUnsafe(ref yRef, (nuint)i);
        }
        return end;
    }

    /// <summary>
    /// The rest of <see cref="Tanh(double)"/> per lane, given x, a = |x| and E = e^(2a) = eHi + eLo (garbage where a is below
    /// 0.125, saturated or NaN): the polynomial, <see cref="TanhOfExp"/>, the branch select, ±1, NaN and the sign.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TanhFromExpLanes(Vector512<double> x, Vector512<double> a, Vector512<double> eHi, Vector512<double> eLo)
    {
        var polynomial = TanhPolynomialLanes(a);
        var exponential = TanhOfExpLanes(eHi, eLo);
        // comparisons feeding ConditionalSelect become mask registers and masked blends (vcmppd k, vblendmpd)
        var magnitude = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(TanhPolynomialBound)), polynomial, exponential);
        magnitude = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(TanhSaturation)), magnitude, Vector512.Create(1.0));
        // CopySign(magnitude, x) (magnitude ≥ +0); NaN stays x
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), magnitude | (x & Vector512.Create(-0.0)), x);
    }

    /// <summary><see cref="TanhPolynomial"/> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TanhPolynomialLanes(Vector512<double> a)
    {
        var t = a * a;
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(TanhP5), t, Vector512.Create(TanhP4));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(TanhP3));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(TanhP2));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(TanhP1));
        p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(TanhP0));
        return Vector512.FusedMultiplyAdd(a * t, p, a);
    }

    /// <summary><see cref="TanhByExp"/>'s E = e^(2a) = eHi + eLo per lane (any finite a gives some value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpOfTwiceLanes(Vector512<double> a, ref double tableRef, ref int indexRef, out Vector512<double> eLo)
    {
        var v = Vector512.Create(2.0) * a;
        // Vector512.Round rounds half to even, as Math.Round
        var m = Vector512.Round(a * Vector512.Create(2.0 * Tables.InvLn2Times128));
        // fma(−m, c, v) as one vfnmadd, −(m·c) + v rounded once: the same operation ((−m)·c = −(m·c) exactly, the sign of a
        // zero included), without the negation
        var r = Avx512F.FusedMultiplyAddNegated(m, Vector512.Create(Tables.Ln2Over128Hi), v);
        r = Avx512F.FusedMultiplyAddNegated(m, Vector512.Create(Tables.Ln2Over128Lo), r);
        var r2 = r * r;
        var q = Vector512.FusedMultiplyAdd(Vector512.Create(InvFact6), r, Vector512.Create(InvFact5));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(InvFact4));
        q = Vector512.FusedMultiplyAdd(q, r2, Vector512.FusedMultiplyAdd(Vector512.Create(InvFact3), r, Vector512.Create(0.5)));
        var p = Vector512.FusedMultiplyAdd(r2, q, r);
        LookUpExpTable(m, ref tableRef, ref indexRef, out var tHi, out var tLo, out var scale);
        var s = Vector512.FusedMultiplyAdd(tHi, p, tLo);
        var eHi = tHi + s;
        eLo = (s - (eHi - tHi)) * scale;
        return eHi * scale;
    }

    /// <summary><see cref="TanhOfExp"/> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TanhOfExpLanes(Vector512<double> eHi, Vector512<double> eLo)
    {
        var one = Vector512.Create(1.0);
        var dHi = eHi + one;
        var dLo = (one - (dHi - eHi)) + eLo;
        var two = Vector512.Create(2.0);
        var quotient = two / dHi;
        // fma(−s, dLo, fma(−s, dHi, 2)), each as one vfnmadd (see ExpOfTwiceLanes)
        var remainder = Avx512F.FusedMultiplyAddNegated(quotient, dLo, Avx512F.FusedMultiplyAddNegated(quotient, dHi, two));
        var quotientLo = remainder * (Vector512.Create(0.5) * quotient);
        var yHi = one - quotient;
        var yLo = (one - yHi) - quotient;
        return yHi + (yLo - quotientLo);
    }

    /// <summary>
    /// T = 2^(j/128) as tHi + tLo (<see cref="Tables.ExpHiLo"/>, at <paramref name="table"/>) and 2^k for each of eight lanes'
    /// m = 128 k + j (integral and 0 ≤ m &lt; 2^18 where the result is used; other lanes get some table entry).
    /// </summary>
    /// <remarks>
    /// .NET 10 exposes no AVX-512 gather (and AVX2's four-lane gather measured slower than this, 0.60 against 0.50 ns per
    /// element for the pair). Lane n's pair (tHi, tLo) is one 16-byte load from index 2 j_n, as in the four-lane lookup: the
    /// indices go to <paramref name="index"/> (eight ints) in one 256-bit store and come back by scalar loads (a 512-bit store
    /// there would not forward to the loads: 1.9x slower); the eight pairs are placed two per 128-bit quarter,
    /// (p0, p2, p4, p6) and (p1, p3, p5, p7), and interleaving within the quarters (vunpcklpd, vunpckhpd) gives
    /// (hi0, ..., hi7) and (lo0, ..., lo7).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LookUpExpTable(Vector512<double> m, ref double table, ref int index, out Vector512<double> tHi, out Vector512<double> tLo, out Vector512<double> scale)
    {
        // m is an integer (or garbage in a lane that is replaced later), so the conversion is exact where it matters
        Vector256<int> mi = Avx512F.ConvertToVector256Int32(m);
        Vector256<int> pair = (mi & Vector256.Create(127)) << 1;
        pair.StoreUnsafe(ref index);
        var p0 = Vector128.LoadUnsafe(ref table, (nuint)(uint)Unsafe.Add(ref index, 0));
        var p1 = Vector128.LoadUnsafe(ref table, (nuint)(uint)Unsafe.Add(ref index, 1));
        var p2 = Vector128.LoadUnsafe(ref table, (nuint)(uint)Unsafe.Add(ref index, 2));
        var p3 = Vector128.LoadUnsafe(ref table, (nuint)(uint)Unsafe.Add(ref index, 3));
        var p4 = Vector128.LoadUnsafe(ref table, (nuint)(uint)Unsafe.Add(ref index, 4));
        var p5 = Vector128.LoadUnsafe(ref table, (nuint)(uint)Unsafe.Add(ref index, 5));
        var p6 = Vector128.LoadUnsafe(ref table, (nuint)(uint)Unsafe.Add(ref index, 6));
        var p7 = Vector128.LoadUnsafe(ref table, (nuint)(uint)Unsafe.Add(ref index, 7));
        var even = Avx512F.InsertVector256(Vector256.Create(p0, p2).ToVector512Unsafe(), Vector256.Create(p4, p6), 1);
        var odd = Avx512F.InsertVector256(Vector256.Create(p1, p3).ToVector512Unsafe(), Vector256.Create(p5, p7), 1);
        tHi = Avx512F.UnpackLow(even, odd);
        tLo = Avx512F.UnpackHigh(even, odd);
        // 2^k from its bits: (k + 1023) << 52, k = m >> 7 (floor)
        Vector512<long> k = Avx512F.ConvertToVector512Int64(Vector256.ShiftRightArithmetic(mi, 7));
        scale = Vector512.ShiftLeft(k + Vector512.Create(1023L), 52).AsDouble();
    }
}
