namespace Trpo.Core.Control;

/// <summary>
/// Small dense matrix arithmetic on <c>double[,]</c> (row, column) for the Riccati solvers: plain triple loops
/// summed in index order, so every result is a fixed function of the inputs (no FMA, no vectorised
/// reductions). Sized for control problems (a few dozen states at most), not for large linear algebra.
/// </summary>
public static class DenseMatrix
{
    /// <summary>The n × n identity.</summary>
    public static double[,] Identity(int n)
    {
        var result = new double[n, n];
        for (int i = 0; i < n; i++) result[i, i] = 1.0;
        return result;
    }

    /// <summary>A diagonal matrix with <paramref name="diagonal"/> on its diagonal.</summary>
    public static double[,] Diagonal(ReadOnlySpan<double> diagonal)
    {
        var result = new double[diagonal.Length, diagonal.Length];
        for (int i = 0; i < diagonal.Length; i++) result[i, i] = diagonal[i];
        return result;
    }

    /// <summary>C = A B, C_ij = Σ_k A_ik B_kj summed in k order.</summary>
    public static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), inner = a.GetLength(1), m = b.GetLength(1);
        if (b.GetLength(0) != inner) throw new ArgumentException($"cannot multiply {Shape(a)} by {Shape(b)}");
        var c = new double[n, m];
        for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
        {
            double sum = 0.0;
            for (int k = 0; k < inner; k++) sum += a[i, k] * b[k, j];
            c[i, j] = sum;
        }
        return c;
    }

    /// <summary>C = Aᵀ B without forming Aᵀ, C_ij = Σ_k A_ki B_kj summed in k order.</summary>
    public static double[,] TransposeMultiply(double[,] a, double[,] b)
    {
        int inner = a.GetLength(0), n = a.GetLength(1), m = b.GetLength(1);
        if (b.GetLength(0) != inner) throw new ArgumentException($"cannot multiply the transpose of {Shape(a)} by {Shape(b)}");
        var c = new double[n, m];
        for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
        {
            double sum = 0.0;
            for (int k = 0; k < inner; k++) sum += a[k, i] * b[k, j];
            c[i, j] = sum;
        }
        return c;
    }

    /// <summary>y = A x, y_i = Σ_k A_ik x_k summed in k order.</summary>
    public static void MultiplyVector(double[,] a, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = a.GetLength(0), m = a.GetLength(1);
        if (x.Length != m || y.Length != n) throw new ArgumentException($"cannot multiply {Shape(a)} by a vector of {x.Length} into {y.Length}");
        for (int i = 0; i < n; i++)
        {
            double sum = 0.0;
            for (int k = 0; k < m; k++) sum += a[i, k] * x[k];
            y[i] = sum;
        }
    }

    /// <summary>xᵀ A x = Σ_i x_i (Σ_j A_ij x_j), inner sums in j order, outer in i order.</summary>
    public static double QuadraticForm(double[,] a, ReadOnlySpan<double> x)
    {
        int n = a.GetLength(0);
        if (a.GetLength(1) != n || x.Length != n) throw new ArgumentException($"quadratic form of {Shape(a)} with a vector of {x.Length}");
        double total = 0.0;
        for (int i = 0; i < n; i++)
        {
            double row = 0.0;
            for (int j = 0; j < n; j++) row += a[i, j] * x[j];
            total += x[i] * row;
        }
        return total;
    }

    /// <summary>A + B, element by element.</summary>
    public static double[,] Add(double[,] a, double[,] b) => Combine(a, b, 1.0);

    /// <summary>A − B, element by element.</summary>
    public static double[,] Subtract(double[,] a, double[,] b) => Combine(a, b, -1.0);

    /// <summary>(A + Aᵀ) / 2: removes the asymmetry rounding leaves in a matrix that is symmetric in exact arithmetic.</summary>
    public static double[,] Symmetrize(double[,] a)
    {
        int n = RequireSquare(a, nameof(a));
        var result = new double[n, n];
        for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            result[i, j] = 0.5 * (a[i, j] + a[j, i]);
        return result;
    }

    /// <summary>tr(A B) = Σ_i Σ_j A_ij B_ji for square A, B of one size, summed in (i, j) order.</summary>
    public static double TraceOfProduct(double[,] a, double[,] b)
    {
        int n = RequireSquare(a, nameof(a));
        if (b.GetLength(0) != n || b.GetLength(1) != n) throw new ArgumentException($"trace of {Shape(a)} times {Shape(b)}");
        double sum = 0.0;
        for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            sum += a[i, j] * b[j, i];
        return sum;
    }

    /// <summary>max_ij |A_ij|.</summary>
    public static double MaxAbs(double[,] a)
    {
        double max = 0.0;
        foreach (double v in a) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    /// <summary>max_ij |A_ij − B_ij|.</summary>
    public static double MaxAbsDifference(double[,] a, double[,] b)
    {
        RequireSameShape(a, b);
        double max = 0.0;
        for (int i = 0; i < a.GetLength(0); i++)
        for (int j = 0; j < a.GetLength(1); j++)
            max = Math.Max(max, Math.Abs(a[i, j] - b[i, j]));
        return max;
    }

    /// <summary>True when every element is finite.</summary>
    public static bool IsFinite(double[,] a)
    {
        foreach (double v in a)
            if (!double.IsFinite(v)) return false;
        return true;
    }

    /// <summary>
    /// The Cholesky factor L (lower triangular, L Lᵀ = S) of a symmetric positive definite S, or null when a
    /// pivot is not positive (S is not positive definite to working precision). Only the lower triangle of S is read.
    /// </summary>
    public static double[,]? Cholesky(double[,] s)
    {
        int n = RequireSquare(s, nameof(s));
        var l = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            // L_jj = sqrt(S_jj − Σ_{k<j} L_jk²)
            double diagonal = s[j, j];
            for (int k = 0; k < j; k++) diagonal -= l[j, k] * l[j, k];
            if (!(diagonal > 0.0)) return null;
            double pivot = Math.Sqrt(diagonal);
            l[j, j] = pivot;
            // L_ij = (S_ij − Σ_{k<j} L_ik L_jk) / L_jj
            for (int i = j + 1; i < n; i++)
            {
                double sum = s[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = sum / pivot;
            }
        }
        return l;
    }

    /// <summary>X = S⁻¹ C for symmetric positive definite S, by Cholesky and two triangular solves per column of C.</summary>
    /// <exception cref="InvalidOperationException">S is not positive definite to working precision.</exception>
    public static double[,] SolvePositiveDefinite(double[,] s, double[,] c)
    {
        int n = RequireSquare(s, nameof(s));
        if (c.GetLength(0) != n) throw new ArgumentException($"cannot solve {Shape(s)} against {Shape(c)}");
        var l = Cholesky(s) ?? throw new InvalidOperationException("the matrix is not positive definite");
        int m = c.GetLength(1);
        var x = new double[n, m];
        var y = new double[n];
        for (int col = 0; col < m; col++)
        {
            // L y = c (forward substitution)
            for (int i = 0; i < n; i++)
            {
                double sum = c[i, col];
                for (int k = 0; k < i; k++) sum -= l[i, k] * y[k];
                y[i] = sum / l[i, i];
            }
            // Lᵀ x = y (back substitution)
            for (int i = n - 1; i >= 0; i--)
            {
                double sum = y[i];
                for (int k = i + 1; k < n; k++) sum -= l[k, i] * x[k, col];
                x[i, col] = sum / l[i, i];
            }
        }
        return x;
    }

    /// <summary>"n×m", for messages.</summary>
    public static string Shape(double[,] a) => $"{a.GetLength(0)}×{a.GetLength(1)}";

    private static double[,] Combine(double[,] a, double[,] b, double sign)
    {
        RequireSameShape(a, b);
        var result = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
        for (int j = 0; j < a.GetLength(1); j++)
            result[i, j] = a[i, j] + sign * b[i, j];
        return result;
    }

    private static int RequireSquare(double[,] a, string name)
    {
        int n = a.GetLength(0);
        if (a.GetLength(1) != n) throw new ArgumentException($"{name} must be square, got {Shape(a)}", name);
        return n;
    }

    private static void RequireSameShape(double[,] a, double[,] b)
    {
        if (a.GetLength(0) != b.GetLength(0) || a.GetLength(1) != b.GetLength(1))
            throw new ArgumentException($"shape mismatch: {Shape(a)} vs {Shape(b)}");
    }
}
