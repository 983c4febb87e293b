using System.Globalization;

namespace Trpo.Core.Control;

/// <summary>
/// A discrete-time linear-quadratic regulator problem: the system x_{t+1} = A x_t + B u_t, the stage cost
/// c_t = x_tᵀ Q x_t + u_tᵀ R u_t, an episode of <see cref="Horizon"/> steps (cost summed over t = 0 .. T−1, no
/// terminal cost) and a start state with independent elements x_0,i uniform on [−h_i, h_i).
/// The task LQR-v0 (<see cref="Environments.Lqr"/>) plays this problem with reward −c_t.
/// </summary>
/// <param name="A">State matrix, n × n (configuration key <c>lqr_a</c>).</param>
/// <param name="B">Input matrix, n × m (<c>lqr_b</c>).</param>
/// <param name="Q">State cost, n × n, symmetric positive semidefinite (<c>lqr_q</c>).</param>
/// <param name="R">Action cost, m × m, symmetric positive definite (<c>lqr_r</c>).</param>
/// <param name="Horizon">Steps per episode T (<c>lqr_horizon</c>), the time limit of LQR-v0.</param>
/// <param name="StartHigh">Half-widths h of the uniform start box, length n (<c>lqr_start_high</c>).</param>
public sealed record LqrSystem(double[,] A, double[,] B, double[,] Q, double[,] R, int Horizon, double[] StartHigh)
{
    /// <summary>Largest state or action dimension accepted (the solvers are dense and cubic).</summary>
    public const int MaxDimension = 32;

    /// <summary>Largest horizon accepted.</summary>
    public const int MaxHorizon = 100_000;

    /// <summary>Time step of the default double integrator, in seconds.</summary>
    public const double DefaultTimeStep = 0.1;

    /// <summary>
    /// The default problem: a double integrator (position p, velocity v, force input u on a unit mass)
    /// discretised with a zero-order hold over dt = 0.1 s, A = [[1, dt], [0, 1]], B = [[dt²/2], [dt]];
    /// Q = I₂, R = [[0.1]]; T = 100 steps (10 s); x_0 uniform on [−1, 1)². Its eigenvalues are both 1
    /// (marginally unstable: without control the cart drifts), so the optimal policy must feed back both
    /// position and velocity; the closed loop under the optimal gain settles in about ten steps, far inside
    /// the horizon, so the best stationary controller is within 1e-9 of the time-varying optimum.
    /// </summary>
    public static LqrSystem Default { get; } = new(
        A: new double[,] { { 1.0, DefaultTimeStep }, { 0.0, 1.0 } },
        B: new double[,] { { 0.005 }, { DefaultTimeStep } }, // dt²/2 = 0.005 exactly in decimal
        Q: new double[,] { { 1.0, 0.0 }, { 0.0, 1.0 } },
        R: new double[,] { { 0.1 } },
        Horizon: 100,
        StartHigh: [1.0, 1.0]);

    /// <summary>State dimension n (rows of A).</summary>
    public int StateSize => A.GetLength(0);

    /// <summary>Action dimension m (columns of B).</summary>
    public int ActionSize => B.GetLength(1);

    /// <summary>
    /// Σ₀ = E[x₀ x₀ᵀ], the start state's second moment: diag(h_i² / 3) for independent uniforms on [−h_i, h_i)
    /// (the expected optimal cost is tr(P₀ Σ₀)).
    /// </summary>
    public double[,] StartSecondMoment()
    {
        var moment = new double[StateSize, StateSize];
        for (int i = 0; i < StateSize; i++) moment[i, i] = StartHigh[i] * StartHigh[i] / 3.0;
        return moment;
    }

    /// <summary>
    /// Checks shapes, finiteness and definiteness, then that the problem has a finite infinite-horizon optimum
    /// whose closed loop is stable (the Riccati iteration converges and A − B K∞ has spectral radius below 1,
    /// which holds when (A, B) is stabilisable and (A, Q^½) detectable). One message per problem, naming the key.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        int n = A.GetLength(0), m = B.GetLength(1);
        bool shapesOk = true; // the matrices have consistent shapes and finite elements
        void Check(bool ok, string message)
        {
            if (ok) return;
            errors.Add(message);
            shapesOk = false;
        }

        Check(n >= 1 && A.GetLength(1) == n, $"lqr_a must be a square matrix (got {DenseMatrix.Shape(A)})");
        Check(n <= MaxDimension, $"lqr_a may have at most {MaxDimension} rows (got {n})");
        Check(B.GetLength(0) == n && m >= 1, $"lqr_b must have {n} rows, one per state, and at least one column (got {DenseMatrix.Shape(B)})");
        Check(m <= MaxDimension, $"lqr_b may have at most {MaxDimension} columns (got {m})");
        Check(Q.GetLength(0) == n && Q.GetLength(1) == n, $"lqr_q must be {n}×{n} like lqr_a (got {DenseMatrix.Shape(Q)})");
        Check(R.GetLength(0) == m && R.GetLength(1) == m, $"lqr_r must be {m}×{m}, one row per column of lqr_b (got {DenseMatrix.Shape(R)})");
        foreach (var (key, matrix) in new[] { ("lqr_a", A), ("lqr_b", B), ("lqr_q", Q), ("lqr_r", R) })
            Check(DenseMatrix.IsFinite(matrix), $"{key} must hold finite numbers only");
        // the horizon and the start box do not enter the checks below
        if (StartHigh.Length != n)
            errors.Add($"lqr_start_high must have {n} elements, one per state (got {StartHigh.Length})");
        if (Horizon is < 1 or > MaxHorizon)
            errors.Add($"lqr_horizon must be between 1 and {MaxHorizon} (got {Horizon})");
        if (!StartHigh.All(h => double.IsFinite(h) && h >= 0))
            errors.Add($"lqr_start_high must be finite and non-negative (got [{string.Join(", ", StartHigh.Select(Fmt))}])");
        if (!shapesOk) return errors;

        Check(IsSymmetric(Q), "lqr_q must be symmetric");
        Check(IsSymmetric(R), "lqr_r must be symmetric");
        if (!shapesOk) return errors;
        Check(IsPositiveSemidefinite(Q), "lqr_q must be positive semidefinite");
        Check(DenseMatrix.Cholesky(R) is not null, "lqr_r must be positive definite");
        if (!shapesOk) return errors;

        var infinite = Riccati.SolveDiscrete(A, B, Q, R);
        if (!infinite.Converged)
            errors.Add($"(lqr_a, lqr_b) is not stabilisable: the Riccati iteration did not converge in {infinite.Iterations} iterations (the optimal cost grows without bound with the horizon)");
        else if (!IsSchurStable(DenseMatrix.Subtract(A, DenseMatrix.Multiply(B, infinite.Gain))))
            errors.Add("the optimal closed loop A − B K is not stable: (lqr_a, lqr_b) is not stabilisable or some unstable mode of lqr_a has no cost in lqr_q (not detectable)");
        return errors;
    }

    /// <summary>
    /// True when the spectral radius of <paramref name="m"/> is below 1: M is squared repeatedly until some
    /// power M^(2^j) has ∞-norm below 1 (then ρ(M) ≤ ‖M^(2^j)‖^(2^-j) &lt; 1); false when that does not happen
    /// within 2^64 or a power grows past 1e150.
    /// </summary>
    public static bool IsSchurStable(double[,] m)
    {
        var power = m;
        for (int j = 0; j <= 64; j++)
        {
            double norm = InfinityNorm(power);
            if (norm < 1.0) return true;
            if (!(norm < 1e150)) return false;
            power = DenseMatrix.Multiply(power, power);
        }
        return false;
    }

    /// <summary>Value equality including the contents of the matrices and of <see cref="StartHigh"/>.</summary>
    public bool Equals(LqrSystem? other)
        => other is not null && Horizon == other.Horizon
           && SameMatrix(A, other.A) && SameMatrix(B, other.B) && SameMatrix(Q, other.Q) && SameMatrix(R, other.R)
           && StartHigh.SequenceEqual(other.StartHigh);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Horizon, StateSize, ActionSize);

    private static bool SameMatrix(double[,] x, double[,] y)
        => x.GetLength(0) == y.GetLength(0) && x.GetLength(1) == y.GetLength(1) && x.Cast<double>().SequenceEqual(y.Cast<double>());

    private static double InfinityNorm(double[,] m)
    {
        double max = 0.0;
        for (int i = 0; i < m.GetLength(0); i++)
        {
            double row = 0.0;
            for (int j = 0; j < m.GetLength(1); j++) row += Math.Abs(m[i, j]);
            max = Math.Max(max, row);
        }
        return max;
    }

    private static bool IsSymmetric(double[,] s)
    {
        double tolerance = 1e-12 * Math.Max(1.0, DenseMatrix.MaxAbs(s));
        for (int i = 0; i < s.GetLength(0); i++)
        for (int j = 0; j < i; j++)
            if (Math.Abs(s[i, j] - s[j, i]) > tolerance) return false;
        return true;
    }

    /// <summary>Q ⪰ 0 up to rounding: Q + 1e-12 max|Q| I has a Cholesky factor.</summary>
    private static bool IsPositiveSemidefinite(double[,] q)
    {
        int n = q.GetLength(0);
        double shift = 1e-12 * Math.Max(DenseMatrix.MaxAbs(q), double.Epsilon);
        var shifted = (double[,])q.Clone();
        for (int i = 0; i < n; i++) shifted[i, i] += shift;
        return DenseMatrix.Cholesky(shifted) is not null;
    }

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
