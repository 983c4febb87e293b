using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    /// <summary>
    /// y_i = <see cref="Tanh(double)"/>(x_i) for every i, bit for bit: eight lanes at a time up to the last multiple of 8 where
    /// <see cref="Vector512"/> is hardware accelerated (AVX-512), four lanes where <see cref="Vector256"/> is (and for a
    /// remaining group of four), the scalar function elsewhere and for the last 0–3 elements.
    /// <paramref name="x"/> and <paramref name="y"/> may be the same span.
    /// </summary>
    /// <remarks>
    /// The lanes run the scalar function's operations in its order, each fused multiply-add as one
    /// <see cref="Vector512.FusedMultiplyAdd(Vector512{double}, Vector512{double}, Vector512{double})"/> or
    /// <see cref="Vector256.FusedMultiplyAdd(Vector256{double}, Vector256{double}, Vector256{double})"/> (one rounding, as
    /// <see cref="Math.FusedMultiplyAdd"/>; hardware where present, per lane in software otherwise). Both branches are
    /// evaluated and the scalar branches become selects: the polynomial for |x| &lt; 0.125 (which returns x itself for
    /// |x| &lt; 2^-27, the scalar function's shortcut), the exponential path on an in-range argument, ±1 from the
    /// saturation threshold on, NaN unchanged. So the bits equal the scalar function's on every input (tested over
    /// random, special and boundary arguments, every tail length, in place).
    /// </remarks>
    public static void Tanh(ReadOnlySpan<double> x, Span<double> y)
    {
        if (y.Length < x.Length) throw new ArgumentException($"output has length {y.Length}, input {x.Length}");
        // the eight-lane path needs no scratch: only what it leaves (0–7 elements) takes a stack buffer
        int wideEnd = TanhLanes512(x, y);
        x = x[wideEnd..];
        int scratchLength = 2 * Math.Min(TanhBlock, x.Length & ~3);
        Tanh(x, y[wideEnd..], scratchLength == 0 ? [] : stackalloc double[scratchLength]);
    }

    /// <summary>
    /// <see cref="Tanh(ReadOnlySpan{double}, Span{double})"/> with the caller's scratch for the staged lanes, at least
    /// <see cref="TanhScratchLength"/> doubles or 2 × (x.Length rounded down to a multiple of 4), whichever is less:
    /// a caller that evaluates tanh over and over (a one-row forward pass) need not clear a stack buffer each time.
    /// </summary>
    internal static void Tanh(ReadOnlySpan<double> x, Span<double> y, Span<double> scratch)
    {
        if (y.Length < x.Length) throw new ArgumentException($"output has length {y.Length}, input {x.Length}");
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // One element's work is a chain of dependent operations some 100 cycles long; done element by element the core's
            // reorder window holds only two or three elements. So each block goes through two stages, each a loop of
            // independent iterations with a shorter chain, with the exponential pair kept in the scratch between them.
            // (The eight-lane path, where there is one, takes every multiple of 8 first, in one stage: DetMath.TanhSpan512.cs.
            // The scratch is checked against the same length on every CPU, so a short one shows everywhere.)
            int vectorEnd = x.Length & ~3;
            int block = Math.Min(TanhBlock, vectorEnd);
            if (scratch.Length < 2 * block) throw new ArgumentException($"scratch has length {scratch.Length}, needs {2 * block}");
            Span<double> eHi = scratch[..block];
            Span<double> eLo = scratch.Slice(block, block);
            for (int start = TanhLanes512(x, y); start < vectorEnd; start += TanhBlock)
            {
                int count = Math.Min(TanhBlock, vectorEnd - start);
                ReadOnlySpan<double> xb = x.Slice(start, count);
                TanhExpStage(xb, eHi, eLo);
                TanhFinalStage(xb, eHi, eLo, y.Slice(start, count));
            }
            i = vectorEnd;
        }
        for (; i < x.Length; i++) y[i] = Tanh(x[i]);
    }

    /// <summary>Doubles of scratch that <see cref="Tanh(ReadOnlySpan{double}, Span{double}, Span{double})"/> needs for a span of any length.</summary>
    internal const int TanhScratchLength = 2 * TanhBlock;

    /// <summary>Elements per block of the staged span tanh (its stack buffer holds one block's pairs).</summary>
    private const int TanhBlock = 128;

    /// <summary>
    /// Stage 1: E = e^(2a) = eHi + eLo per element as <see cref="TanhByExp"/> forms it, for a = |x| (some value where a is
    /// below 0.125, saturated or NaN: those lanes are replaced in stage 2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TanhExpStage(ReadOnlySpan<double> x, Span<double> eHiOut, Span<double> eLoOut)
    {
        ref double xRef = ref MemoryMarshal.GetReference(x);
        ref double hiRef = ref MemoryMarshal.GetReference(eHiOut);
        ref double loRef = ref MemoryMarshal.GetReference(eLoOut);
        ref double tableRef = ref MemoryMarshal.GetArrayDataReference(Tables.ExpHiLo);
        for (int i = 0; i + 4 <= x.Length; i += 4)
        {
            // saturated, infinite and NaN lanes give garbage (the table index is masked, nothing traps); stage 2 replaces them
            var a = Vector256.Abs(Vector256.LoadUnsafe(ref xRef, (nuint)i));
            var eHi = ExpOfTwiceLanes(a, ref tableRef, out var eLo);
            eHi.StoreUnsafe(ref hiRef, (nuint)i);
            eLo.StoreUnsafe(ref loRef, (nuint)i);
        }
    }

    /// <summary>Stage 2: the polynomial, <see cref="TanhOfExp"/> of the stage-1 pair, the branch select, ±1, NaN and the sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TanhFinalStage(ReadOnlySpan<double> x, ReadOnlySpan<double> eHiIn, ReadOnlySpan<double> eLoIn, Span<double> y)
    {
        ref double xRef = ref MemoryMarshal.GetReference(x);
        ref double hiRef = ref MemoryMarshal.GetReference(eHiIn);
        ref double loRef = ref MemoryMarshal.GetReference(eLoIn);
        ref double yRef = ref MemoryMarshal.GetReference(y);
        var signBit = Vector256.Create(-0.0);
        var one = Vector256.Create(1.0);
        for (int i = 0; i + 4 <= x.Length; i += 4)
        {
            // loaded before anything is stored: y may be x
            var xv = Vector256.LoadUnsafe(ref xRef, (nuint)i);
            var a = Vector256.Abs(xv);
            var polynomial = TanhPolynomialLanes(a);
            var exponential = TanhOfExpLanes(Vector256.LoadUnsafe(ref hiRef, (nuint)i), Vector256.LoadUnsafe(ref loRef, (nuint)i));
            var magnitude = SelectLanes(Vector256.LessThan(a, Vector256.Create(TanhPolynomialBound)), polynomial, exponential);
            magnitude = SelectLanes(Vector256.LessThan(a, Vector256.Create(TanhSaturation)), magnitude, one);
            // CopySign(magnitude, x) (magnitude ≥ +0); NaN stays x
            var result = SelectLanes(Vector256.Equals(xv, xv), magnitude | (xv & signBit), xv);
            result.StoreUnsafe(ref yRef, (nuint)i);
        }
    }

    /// <summary><see cref="TanhPolynomial"/> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TanhPolynomialLanes(Vector256<double> a)
    {
        var t = a * a;
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(TanhP5), t, Vector256.Create(TanhP4));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(TanhP3));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(TanhP2));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(TanhP1));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(TanhP0));
        return Vector256.FusedMultiplyAdd(a * t, p, a);
    }

    /// <summary><see cref="TanhByExp"/>'s E = e^(2a) = eHi + eLo per lane (any finite a gives some value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpOfTwiceLanes(Vector256<double> a, ref double tableRef, out Vector256<double> eLo)
    {
        var v = Vector256.Create(2.0) * a;
        var m = Vector256.Round(a * Vector256.Create(2.0 * Tables.InvLn2Times128));
        var minusM = Negate(m);
        var r = Vector256.FusedMultiplyAdd(minusM, Vector256.Create(Tables.Ln2Over128Hi), v);
        r = Vector256.FusedMultiplyAdd(minusM, Vector256.Create(Tables.Ln2Over128Lo), r);
        var r2 = r * r;
        var q = Vector256.FusedMultiplyAdd(Vector256.Create(InvFact6), r, Vector256.Create(InvFact5));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(InvFact4));
        q = Vector256.FusedMultiplyAdd(q, r2, Vector256.FusedMultiplyAdd(Vector256.Create(InvFact3), r, Vector256.Create(0.5)));
        var p = Vector256.FusedMultiplyAdd(r2, q, r);
        LookUpExpTable(m, ref tableRef, out var tHi, out var tLo, out var scale);
        var s = Vector256.FusedMultiplyAdd(tHi, p, tLo);
        var eHi = tHi + s;
        eLo = (s - (eHi - tHi)) * scale;
        return eHi * scale;
    }

    /// <summary><see cref="TanhOfExp"/> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TanhOfExpLanes(Vector256<double> eHi, Vector256<double> eLo)
    {
        var one = Vector256.Create(1.0);
        var dHi = eHi + one;
        var dLo = (one - (dHi - eHi)) + eLo;
        var two = Vector256.Create(2.0);
        var quotient = two / dHi;
        var minusQuotient = Negate(quotient);
        var remainder = Vector256.FusedMultiplyAdd(minusQuotient, dLo, Vector256.FusedMultiplyAdd(minusQuotient, dHi, two));
        var quotientLo = remainder * (Vector256.Create(0.5) * quotient);
        var yHi = one - quotient;
        var yLo = (one - yHi) - quotient;
        return yHi + (yLo - quotientLo);
    }

    /// <summary>
    /// T = 2^(j/128) as tHi + tLo (<see cref="Tables.ExpHiLo"/>, at <paramref name="table"/>) and 2^k for each lane's
    /// m = 128 k + j (|m| &lt; 2^18, integral).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LookUpExpTable(Vector256<double> m, ref double table, out Vector256<double> tHi, out Vector256<double> tLo, out Vector256<double> scale)
    {
        if (Avx2.IsSupported)
        {
            // m is an integer, so the conversion is exact; lane n's pair (tHi, tLo) sits at 2 j_n
            Vector128<int> mi = Avx.ConvertToVector128Int32(m);
            Vector128<int> pair = (mi & Vector128.Create(127)) << 1;
            var p0 = Vector128.LoadUnsafe(ref table, (nuint)(uint)pair.GetElement(0));
            var p1 = Vector128.LoadUnsafe(ref table, (nuint)(uint)pair.GetElement(1));
            var p2 = Vector128.LoadUnsafe(ref table, (nuint)(uint)pair.GetElement(2));
            var p3 = Vector128.LoadUnsafe(ref table, (nuint)(uint)pair.GetElement(3));
            // (hi0, lo0, hi2, lo2) and (hi1, lo1, hi3, lo3): interleaving within each 128-bit half gives the four his and the four los
            var even = Vector256.Create(p0, p2);
            var odd = Vector256.Create(p1, p3);
            tHi = Avx.UnpackLow(even, odd);
            tLo = Avx.UnpackHigh(even, odd);
            // 2^k from its bits: (k + 1023) << 52, k = m >> 7 (floor)
            Vector256<long> k = Avx2.ConvertToVector256Int64(Vector128.ShiftRightArithmetic(mi, 7));
            scale = Vector256.ShiftLeft(k + Vector256.Create(1023L), 52).AsDouble();
            return;
        }
        int m0 = (int)m.GetElement(0), m1 = (int)m.GetElement(1), m2 = (int)m.GetElement(2), m3 = (int)m.GetElement(3);
        tHi = Vector256.Create(Tables.ExpHi[m0 & 127], Tables.ExpHi[m1 & 127], Tables.ExpHi[m2 & 127], Tables.ExpHi[m3 & 127]);
        tLo = Vector256.Create(Tables.ExpLo[m0 & 127], Tables.ExpLo[m1 & 127], Tables.ExpLo[m2 & 127], Tables.ExpLo[m3 & 127]);
        scale = Vector256.Create(TwoPow(m0 >> 7), TwoPow(m1 >> 7), TwoPow(m2 >> 7), TwoPow(m3 >> 7));
    }

    /// <summary>
    /// Per lane, <paramref name="ifTrue"/> where <paramref name="mask"/> (a comparison's result: all ones or all zeros per lane)
    /// is set, else <paramref name="ifFalse"/>: one blend instruction with AVX.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SelectLanes(Vector256<double> mask, Vector256<double> ifTrue, Vector256<double> ifFalse)
        => Avx.IsSupported ? Avx.BlendVariable(ifFalse, ifTrue, mask) : Vector256.ConditionalSelect(mask, ifTrue, ifFalse);

    /// <summary>-v per lane by flipping the sign bit (IEEE negation; -(+0) = -0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Negate(Vector256<double> v) => Vector256.Xor(v, Vector256.Create(-0.0));
}
