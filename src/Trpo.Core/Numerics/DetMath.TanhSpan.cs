using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    /// <summary>
    /// y_i = <see cref="Tanh(double)"/>(x_i) for every i, bit for bit: four lanes at a time where
    /// <see cref="Vector256"/> is hardware accelerated, the scalar function elsewhere and for the tail.
    /// <paramref name="x"/> and <paramref name="y"/> may be the same span.
    /// </summary>
    /// <remarks>
    /// The lanes run the scalar algorithm's IEEE operations in the scalar order (no fused multiply-add, no
    /// re-association): the reduction of <see cref="ReduceForExp"/>, the polynomial of
    /// <see cref="ExpMinusOneOfReduced"/>, the table scaling of <see cref="ScaleByTable"/> (table entries and
    /// 2^k fetched per lane), <see cref="Expm1Core"/>'s renormalisation and Tanh's corrected division. The
    /// scalar branches become selects: every lane computes the main path on an in-range argument, then tiny
    /// (|x| &lt; 2^-27: x), saturated (|x| &gt;= 20: ±1), NaN and the j = k = 0 case of Expm1Core take their
    /// scalar values. So the bits equal the scalar function's on every input (tested over random, special and
    /// boundary arguments). Blocks of elements go through the algorithm in three stages (reduction and
    /// polynomial, table scaling, division) so that the core overlaps independent elements; with AVX2 it is
    /// several times faster than the scalar loop. The stages are compiled optimised at once, as the kernels are (<see cref="Kernels"/>).
    /// </remarks>
    public static void Tanh(ReadOnlySpan<double> x, Span<double> y)
    {
        int scratchLength = 3 * Math.Min(TanhBlock, x.Length & ~3);
        Tanh(x, y, scratchLength == 0 ? [] : stackalloc double[scratchLength]);
    }

    /// <summary>
    /// <see cref="Tanh(ReadOnlySpan{double}, Span{double})"/> with the caller's scratch for the staged lanes, at least
    /// <see cref="TanhScratchLength"/> doubles or 3 × (x.Length rounded down to a multiple of 4), whichever is less:
    /// a caller that evaluates tanh over and over (a one-row forward pass) need not clear a stack buffer each time.
    /// </summary>
    internal static void Tanh(ReadOnlySpan<double> x, Span<double> y, Span<double> scratch)
    {
        if (y.Length < x.Length) throw new ArgumentException($"output has length {y.Length}, input {x.Length}");
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The work of one element is a long chain of dependent operations; done element by element the core
            // waits on it. So each block of elements goes through three stages, each a loop whose iterations are
            // independent (the core overlaps them), with the intermediates kept in the scratch.
            int vectorEnd = x.Length & ~3;
            int block = Math.Min(TanhBlock, vectorEnd);
            if (scratch.Length < 3 * block) throw new ArgumentException($"scratch has length {scratch.Length}, needs {3 * block}");
            Span<double> m = scratch[..block];
            Span<double> hi = scratch.Slice(block, block);
            Span<double> lo = scratch.Slice(2 * block, block);
            for (int start = 0; start < vectorEnd; start += TanhBlock)
            {
                int count = Math.Min(TanhBlock, vectorEnd - start);
                ReadOnlySpan<double> xb = x.Slice(start, count);
                // p = e^r - 1 of the reduced -2|x| = hi + lo
                TanhReduceStage(xb, m, hi, lo);
                // u = e^(-2|x|) - 1 = hi + lo
                TanhScaleStage(count, m, hi, lo);
                TanhDivideStage(xb, hi, lo, y.Slice(start, count));
            }
            i = vectorEnd;
        }
        for (; i < x.Length; i++) y[i] = Tanh(x[i]);
    }

    /// <summary>Doubles of scratch that <see cref="Tanh(ReadOnlySpan{double}, Span{double}, Span{double})"/> needs for a span of any length.</summary>
    internal const int TanhScratchLength = 3 * TanhBlock;

    /// <summary>Elements per block of the staged span tanh (its stack buffers hold one block).</summary>
    private const int TanhBlock = 128;

    /// <summary>
    /// Stage 1: for a = |x| (1 where x is tiny, saturated or NaN: those lanes are replaced in stage 3), reduces
    /// -2a as <see cref="ReduceForExp"/> does and evaluates <see cref="ExpMinusOneOfReduced"/>: m and p = e^r − 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TanhReduceStage(ReadOnlySpan<double> x, Span<double> mOut, Span<double> pHiOut, Span<double> pLoOut)
    {
        ref double xRef = ref MemoryMarshal.GetReference(x);
        ref double mRef = ref MemoryMarshal.GetReference(mOut);
        ref double hiRef = ref MemoryMarshal.GetReference(pHiOut);
        ref double loRef = ref MemoryMarshal.GetReference(pLoOut);
        for (int i = 0; i + 4 <= x.Length; i += 4)
        {
            var ax = Vector256.Abs(Vector256.LoadUnsafe(ref xRef, (nuint)i));
            var inRange = Vector256.LessThan(ax, Vector256.Create(TanhSaturation)) & ~Vector256.LessThan(ax, Vector256.Create(TwoPowMinus27));
            var v = Vector256.Create(-2.0) * SelectLanes(inRange, ax, Vector256.Create(1.0));
            // ReduceForExp: m = round(v 128/ln2), r = v - m (C1 + C2 + C3)
            var m = Vector256.Round(v * Vector256.Create(Tables.InvLn2Times128));
            var t1 = v - m * Vector256.Create(Tables.Ln2Over128Part1);
            var rHi = TwoSumLanes(t1, Negate(m * Vector256.Create(Tables.Ln2Over128Part2)), out var err);
            var rLo = err - m * Vector256.Create(Tables.Ln2Over128Part3);
            // ExpMinusOneOfReduced
            var sq = TwoSquareLanes(rHi, out var sqErr);
            var tail = sq * rHi * (Vector256.Create(InvFact3) + rHi * (Vector256.Create(InvFact4) + rHi * (Vector256.Create(InvFact5)
                + rHi * (Vector256.Create(InvFact6) + rHi * Vector256.Create(InvFact7)))));
            var pHi = FastTwoSumLanes(rHi, Vector256.Create(0.5) * sq, out var pErr);
            var pLo = pErr + (Vector256.Create(0.5) * sqErr + tail + rLo + rHi * rLo);
            m.StoreUnsafe(ref mRef, (nuint)i);
            pHi.StoreUnsafe(ref hiRef, (nuint)i);
            pLo.StoreUnsafe(ref loRef, (nuint)i);
        }
    }

    /// <summary>
    /// Stage 2: <see cref="Expm1Core"/>'s scaling, e^v − 1 = 2^k T (1 + p) − 1 (or p itself when m = 0), renormalised;
    /// overwrites p with u.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TanhScaleStage(int count, ReadOnlySpan<double> mIn, Span<double> hi, Span<double> lo)
    {
        ref double mRef = ref MemoryMarshal.GetReference(mIn);
        ref double hiRef = ref MemoryMarshal.GetReference(hi);
        ref double loRef = ref MemoryMarshal.GetReference(lo);
        ref double tableRef = ref MemoryMarshal.GetArrayDataReference(Tables.ExpHiLo);
        for (int i = 0; i + 4 <= count; i += 4)
        {
            var m = Vector256.LoadUnsafe(ref mRef, (nuint)i);
            var pHi = Vector256.LoadUnsafe(ref hiRef, (nuint)i);
            var pLo = Vector256.LoadUnsafe(ref loRef, (nuint)i);
            LookUpExpTable(m, ref tableRef, out var tHi, out var tLo, out var scale);
            var tableProduct = TwoProductLanes(tHi, pHi, out var tableProductErr);
            var eHi = FastTwoSumLanes(tHi, tableProduct, out var sumErr);
            var eLo = sumErr + (tableProductErr + tHi * pLo + tLo + tLo * pHi);
            // Expm1Core's TwoSum(eHi 2^k, -1) as FastTwoSum(-1, eHi 2^k), the same bits: where the lane is used (m < 0,
            // so v <= -ln2/256) e^v <= 0.998 and |eHi 2^k| < 1, so both give the rounded sum (addition commutes) and its exact error.
            var scaledHi = FastTwoSumLanes(Vector256.Create(-1.0), eHi * scale, out var scaledErr);
            var scaledLo = scaledErr + eLo * scale;
            var reducedOnly = Vector256.Equals(m, Vector256<double>.Zero);
            var uHi = FastTwoSumLanes(SelectLanes(reducedOnly, pHi, scaledHi), SelectLanes(reducedOnly, pLo, scaledLo), out var uLo);
            uHi.StoreUnsafe(ref hiRef, (nuint)i);
            uLo.StoreUnsafe(ref loRef, (nuint)i);
        }
    }

    /// <summary>Stage 3: tanh|x| = -u / (2 + u) with Tanh's corrected division, the sign of x, and the special lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TanhDivideStage(ReadOnlySpan<double> x, ReadOnlySpan<double> uHiIn, ReadOnlySpan<double> uLoIn, Span<double> y)
    {
        ref double xRef = ref MemoryMarshal.GetReference(x);
        ref double hiRef = ref MemoryMarshal.GetReference(uHiIn);
        ref double loRef = ref MemoryMarshal.GetReference(uLoIn);
        ref double yRef = ref MemoryMarshal.GetReference(y);
        var signBit = Vector256.Create(-0.0);
        for (int i = 0; i + 4 <= x.Length; i += 4)
        {
            var xv = Vector256.LoadUnsafe(ref xRef, (nuint)i);
            var uHi = Vector256.LoadUnsafe(ref hiRef, (nuint)i);
            var uLo = Vector256.LoadUnsafe(ref loRef, (nuint)i);
            // d = 2 + u = dHi + dLo
            var dHi = FastTwoSumLanes(Vector256.Create(2.0), uHi, out var dErr);
            var dLo = dErr + uLo;
            var reciprocal = Vector256.Create(1.0) / dHi;
            var minusUHi = Negate(uHi);
            var quotient = minusUHi * reciprocal;
            var product = TwoProductLanes(quotient, dHi, out var productErr);
            var remainder = ((minusUHi - product) - productErr) + (Negate(uLo) - quotient * dLo);
            var magnitude = quotient + remainder * reciprocal;
            var ax = Vector256.Abs(xv);
            var saturated = ~Vector256.LessThan(ax, Vector256.Create(TanhSaturation));
            var tiny = Vector256.LessThan(ax, Vector256.Create(TwoPowMinus27));
            // CopySign(magnitude, x) and CopySign(1, x): both magnitudes have a clear sign bit (tanh|x| > 0)
            var sign = xv & signBit;
            var result = magnitude | sign;
            var one = Vector256.Create(1.0) | sign;
            var saturatedValue = SelectLanes(Vector256.Equals(xv, xv), one, xv); // NaN stays NaN
            result = SelectLanes(tiny, xv, result);
            SelectLanes(saturated, saturatedValue, result).StoreUnsafe(ref yRef, (nuint)i);
        }
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TwoSumLanes(Vector256<double> a, Vector256<double> b, out Vector256<double> err)
    {
        var s = a + b;
        var bVirtual = s - a;
        var aVirtual = s - bVirtual;
        err = (a - aVirtual) + (b - bVirtual);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> FastTwoSumLanes(Vector256<double> a, Vector256<double> b, out Vector256<double> err)
    {
        var s = a + b;
        err = b - (s - a);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TwoProductLanes(Vector256<double> a, Vector256<double> b, out Vector256<double> err)
    {
        var p = a * b;
        // the exact error in one FMA where the CPU has it (the same bits as the splitting: see DetMath.DoubleDouble)
        err = Fma.IsSupported ? Fma.MultiplySubtract(a, b, p) : DekkerProductErrorLanes(a, b, p);
        return p;
    }

    /// <summary>a * b − p per lane, exactly, by Veltkamp's splitting (no FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> DekkerProductErrorLanes(Vector256<double> a, Vector256<double> b, Vector256<double> p)
    {
        var splitter = Vector256.Create(Splitter);
        var t = splitter * a;
        var aHi = t - (t - a);
        var aLo = a - aHi;
        t = splitter * b;
        var bHi = t - (t - b);
        var bLo = b - bHi;
        return ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TwoSquareLanes(Vector256<double> a, out Vector256<double> err)
    {
        var p = a * a;
        err = Fma.IsSupported ? Fma.MultiplySubtract(a, a, p) : DekkerSquareErrorLanes(a, p);
        return p;
    }

    /// <summary>a² − p per lane, exactly, by one Veltkamp split (no FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> DekkerSquareErrorLanes(Vector256<double> a, Vector256<double> p)
    {
        var t = Vector256.Create(Splitter) * a;
        var aHi = t - (t - a);
        var aLo = a - aHi;
        return ((aHi * aHi - p) + Vector256.Create(2.0) * aHi * aLo) + aLo * aLo;
    }
}
