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
    /// boundary arguments); it is about four times faster on x64 with AVX2.
    /// </remarks>
    public static void Tanh(ReadOnlySpan<double> x, Span<double> y)
    {
        if (y.Length < x.Length) throw new ArgumentException($"output has length {y.Length}, input {x.Length}");
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double xRef = ref MemoryMarshal.GetReference(x);
            ref double yRef = ref MemoryMarshal.GetReference(y);
            // two independent vectors per iteration give the out-of-order core parallel work
            for (; i + 8 <= x.Length; i += 8)
            {
                var y0 = TanhLanes(Vector256.LoadUnsafe(ref xRef, (nuint)i));
                var y1 = TanhLanes(Vector256.LoadUnsafe(ref xRef, (nuint)i + 4));
                y0.StoreUnsafe(ref yRef, (nuint)i);
                y1.StoreUnsafe(ref yRef, (nuint)i + 4);
            }
            for (; i + 4 <= x.Length; i += 4)
                TanhLanes(Vector256.LoadUnsafe(ref xRef, (nuint)i)).StoreUnsafe(ref yRef, (nuint)i);
        }
        for (; i < x.Length; i++) y[i] = Tanh(x[i]);
    }

    /// <summary>Four <see cref="Tanh(double)"/> at once, bit for bit (see <see cref="Tanh(ReadOnlySpan{double}, Span{double})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TanhLanes(Vector256<double> x)
    {
        var ax = Vector256.Abs(x);
        var saturated = ~Vector256.LessThan(ax, Vector256.Create(TanhSaturation));
        var tiny = Vector256.LessThan(ax, Vector256.Create(TwoPowMinus27));
        // every lane runs the main path on an argument in [2^-27, 20); the others are replaced at the end
        var inRange = ~(saturated | tiny);
        var a = Vector256.ConditionalSelect(inRange, ax, Vector256.Create(1.0));

        // u = e^(-2|x|) - 1 = uHi + uLo
        var uHi = Expm1CoreLanes(Vector256.Create(-2.0) * a, out var uLo);
        // d = 2 + u = dHi + dLo
        var dHi = FastTwoSumLanes(Vector256.Create(2.0), uHi, out var dErr);
        var dLo = dErr + uLo;
        var reciprocal = Vector256.Create(1.0) / dHi;
        var minusUHi = Negate(uHi);
        var quotient = minusUHi * reciprocal;
        var product = TwoProductLanes(quotient, dHi, out var productErr);
        var remainder = ((minusUHi - product) - productErr) + (Negate(uLo) - quotient * dLo);
        var magnitude = quotient + remainder * reciprocal;

        var signBit = Vector256.Create(-0.0);
        var result = Vector256.ConditionalSelect(signBit, x, magnitude); // CopySign(magnitude, x)
        var one = Vector256.ConditionalSelect(signBit, x, Vector256.Create(1.0));
        var saturatedValue = Vector256.ConditionalSelect(Vector256.Equals(x, x), one, x); // NaN stays NaN
        result = Vector256.ConditionalSelect(tiny, x, result);
        return Vector256.ConditionalSelect(saturated, saturatedValue, result);
    }

    /// <summary><see cref="Expm1Core"/> on four lanes, each 2^-54 &lt;= |x| &lt;= 709 and |x| &lt; 2^17 ln2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Expm1CoreLanes(Vector256<double> x, out Vector256<double> lo)
    {
        // ReduceForExp: m = round(x 128/ln2), r = x - m (C1 + C2 + C3)
        var m = Vector256.Round(x * Vector256.Create(Tables.InvLn2Times128));
        var t1 = x - m * Vector256.Create(Tables.Ln2Over128Part1);
        var rHi = TwoSumLanes(t1, Negate(m * Vector256.Create(Tables.Ln2Over128Part2)), out var err);
        var rLo = err - m * Vector256.Create(Tables.Ln2Over128Part3);

        // ExpMinusOneOfReduced
        var sq = TwoSquareLanes(rHi, out var sqErr);
        var tail = sq * rHi * (Vector256.Create(InvFact3) + rHi * (Vector256.Create(InvFact4) + rHi * (Vector256.Create(InvFact5)
            + rHi * (Vector256.Create(InvFact6) + rHi * Vector256.Create(InvFact7)))));
        var pHi = FastTwoSumLanes(rHi, Vector256.Create(0.5) * sq, out var pErr);
        var pLo = pErr + (Vector256.Create(0.5) * sqErr + tail + rLo + rHi * rLo);

        // ScaleByTable and 2^k, per lane: j = m mod 128, k = floor(m / 128)
        LookUpExpTable(m, out var tHi, out var tLo, out var scale);
        var tableProduct = TwoProductLanes(tHi, pHi, out var tableProductErr);
        var eHi = FastTwoSumLanes(tHi, tableProduct, out var sumErr);
        var eLo = sumErr + (tableProductErr + tHi * pLo + tLo + tLo * pHi);
        // e^x - 1 = 2^k (eHi + eLo) - 1, or p itself when j = k = 0 (m = 0)
        var scaledHi = TwoSumLanes(eHi * scale, Vector256.Create(-1.0), out var scaledErr);
        var scaledLo = scaledErr + eLo * scale;
        var reducedOnly = Vector256.Equals(m, Vector256<double>.Zero);
        var hi = Vector256.ConditionalSelect(reducedOnly, pHi, scaledHi);
        var lo0 = Vector256.ConditionalSelect(reducedOnly, pLo, scaledLo);
        return FastTwoSumLanes(hi, lo0, out lo);
    }

    /// <summary>T = 2^(j/128) as tHi + tLo (<see cref="Tables.ExpHi"/>, <see cref="Tables.ExpLo"/>) and 2^k for each lane's m = 128 k + j (|m| &lt; 2^18, integral).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LookUpExpTable(Vector256<double> m, out Vector256<double> tHi, out Vector256<double> tLo, out Vector256<double> scale)
    {
        ref double hiRef = ref MemoryMarshal.GetArrayDataReference(Tables.ExpHi);
        ref double loRef = ref MemoryMarshal.GetArrayDataReference(Tables.ExpLo);
        if (Avx2.IsSupported)
        {
            // m is an integer, so the conversion is exact
            Vector128<int> mi = Avx.ConvertToVector128Int32(m);
            Vector128<int> j = mi & Vector128.Create(127);
            int j0 = j.GetElement(0), j1 = j.GetElement(1), j2 = j.GetElement(2), j3 = j.GetElement(3);
            tHi = Vector256.Create(Unsafe.Add(ref hiRef, j0), Unsafe.Add(ref hiRef, j1), Unsafe.Add(ref hiRef, j2), Unsafe.Add(ref hiRef, j3));
            tLo = Vector256.Create(Unsafe.Add(ref loRef, j0), Unsafe.Add(ref loRef, j1), Unsafe.Add(ref loRef, j2), Unsafe.Add(ref loRef, j3));
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
        var splitter = Vector256.Create(Splitter);
        var t = splitter * a;
        var aHi = t - (t - a);
        var aLo = a - aHi;
        t = splitter * b;
        var bHi = t - (t - b);
        var bLo = b - bHi;
        err = ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TwoSquareLanes(Vector256<double> a, out Vector256<double> err)
    {
        var p = a * a;
        var t = Vector256.Create(Splitter) * a;
        var aHi = t - (t - a);
        var aLo = a - aHi;
        err = ((aHi * aHi - p) + Vector256.Create(2.0) * aHi * aLo) + aLo * aLo;
        return p;
    }
}
