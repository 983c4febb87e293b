namespace Trpo.Core.Numerics;

/// <summary>
/// One classical fourth-order Runge–Kutta step, evaluated element by element in the order of Gymnasium's
/// <c>rk4</c> helper (<c>gymnasium/envs/classic_control/acrobot.py</c>, v1.3.0) so that, given the same
/// derivative, the result matches it bit for bit.
/// </summary>
/// <remarks>
/// <code>
/// k1 = f(y0);  k2 = f(y0 + (dt/2) k1);  k3 = f(y0 + (dt/2) k2);  k4 = f(y0 + dt k3)
/// y1 = y0 + (dt/6) ((k1 + 2 k2) + 2 k3 + k4)
/// </code>
/// The derivative does not depend on time (autonomous systems only), as in Gymnasium's use.
/// </remarks>
public static class RungeKutta4
{
    /// <summary>The derivative dy/dt at <paramref name="y"/>, written into <paramref name="dydt"/>.</summary>
    public delegate void Derivative(ReadOnlySpan<double> y, Span<double> dydt);

    /// <summary>Largest system this step handles without allocating.</summary>
    public const int MaxDimension = 16;

    /// <summary>Advances <paramref name="y0"/> by <paramref name="dt"/> and writes the result into <paramref name="y1"/>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or exceed <see cref="MaxDimension"/>.</exception>
    public static void Step(Derivative derivative, ReadOnlySpan<double> y0, double dt, Span<double> y1)
    {
        ArgumentNullException.ThrowIfNull(derivative);
        int n = y0.Length;
        if (y1.Length != n || n > MaxDimension)
        {
            throw new ArgumentException($"RK4 step needs y0 and y1 of one length up to {MaxDimension}; got {n} and {y1.Length}");
        }
        double halfDt = dt / 2.0;
        Span<double> k1 = stackalloc double[n], k2 = stackalloc double[n], k3 = stackalloc double[n], k4 = stackalloc double[n];
        Span<double> probe = stackalloc double[n];

        derivative(y0, k1);
        // y0 + (dt/2) k1
        for (int i = 0; i < n; i++) probe[i] = y0[i] + halfDt * k1[i];
        derivative(probe, k2);
        // y0 + (dt/2) k2
        for (int i = 0; i < n; i++) probe[i] = y0[i] + halfDt * k2[i];
        derivative(probe, k3);
        // y0 + dt k3
        for (int i = 0; i < n; i++) probe[i] = y0[i] + dt * k3[i];
        derivative(probe, k4);

        double sixthDt = dt / 6.0;
        // y1 = y0 + (dt/6) (k1 + 2 k2 + 2 k3 + k4), summed left to right
        for (int i = 0; i < n; i++) y1[i] = y0[i] + sixthDt * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
}
