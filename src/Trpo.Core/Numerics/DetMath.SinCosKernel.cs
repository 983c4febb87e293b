using System.Runtime.CompilerServices;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    // Taylor coefficients of sin b - b and cos b - 1 on |b| <= 2^-8: sin b - b = b^3 (-1/3! + b^2/5! - b^4/7!)
    // (omitted b^9/9! < 2^-82 |b|), cos b - 1 = b^2 (-1/2 + b^2/4! - b^4/6!) (omitted b^8/8! < 2^-79).
    private const double SinC3 = -1.0 / 6.0;
    private const double SinC5 = 1.0 / 120.0;
    private const double SinC7 = -1.0 / 5040.0;
    private const double CosC4 = 1.0 / 24.0;
    private const double CosC6 = -1.0 / 720.0;

    /// <summary>
    /// sin(r) (when <paramref name="wantCos"/> is false) or cos(r) for r = rHi + rLo in [0, pi/4 + 2^-40],
    /// relative error below 2^-67.
    /// </summary>
    /// <remarks>
    /// Table-driven (in the manner of Gal and Bachelis, "An accurate elementary mathematical library for the
    /// IEEE floating point standard", ACM TOMS 17(1), 1991): r = a + b with a = j/128 and |b| &lt;= 2^-8;
    /// sin(a + b) = sin a cos b + cos a sin b and cos(a + b) = cos a cos b - sin a sin b, with sin a,
    /// cos a double-doubles from the table. Both are A cos b + B sin b = A + B b + A (cos b - 1) +
    /// B (sin b - b): A + B b is formed exactly (TwoProduct, FastTwoSum, |B b| &lt;= |A| or A = 0), the two
    /// small corrections (relative size below 2^-16) in plain double.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SinCosOfReduced(double rHi, double rLo, bool wantCos)
    {
        // j = round(128 r): rHi * 128 and the rounding are exact, so |rHi - j/128| <= 1/256 and, for j >= 1,
        // rHi >= (j - 1/2)/128 >= j/256, which makes bHi = rHi - j/128 exact (Sterbenz).
        double jd = Math.Round(rHi * 128.0);
        int j = (int)jd;
        double bHi = rHi - jd * (1.0 / 128.0);
        double aHi, aLo, cHi, cLo;
        if (wantCos)
        {
            aHi = Tables.CosHi[j];
            aLo = Tables.CosLo[j];
            cHi = -Tables.SinHi[j];
            cLo = -Tables.SinLo[j];
        }
        else
        {
            aHi = Tables.SinHi[j];
            aLo = Tables.SinLo[j];
            cHi = Tables.CosHi[j];
            cLo = Tables.CosLo[j];
        }
        // b^2 including the cross term 2 bHi rLo
        double b2 = bHi * (bHi + 2.0 * rLo);
        double cosMinusOne = b2 * (-0.5 + b2 * (CosC4 + b2 * CosC6));
        double sinMinusB = bHi * b2 * (SinC3 + b2 * (SinC5 + b2 * SinC7));
        // A + B bHi exactly
        double product = TwoProduct(cHi, bHi, out double productErr);
        double hi = FastTwoSum(aHi, product, out double sumErr);
        double lo = sumErr + (productErr + cHi * rLo + cLo * bHi + aLo + aHi * cosMinusOne + cHi * sinMinusB);
        return hi + lo;
    }
}
