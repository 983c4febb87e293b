using Trpo.Core.Optimization;

namespace Trpo.Core.Tests.Optimization;

public class ConjugateGradientTests
{
    private static LinearOperator Matrix(double[,] a) => (v, result) =>
    {
        for (int i = 0; i < a.GetLength(0); i++)
        {
            double s = 0;
            for (int j = 0; j < a.GetLength(1); j++) s += a[i, j] * v[j];
            result[i] = s;
        }
    };

    [Fact]
    public void Solve_ReturnsKnownSolution_For3x3Spd()
    {
        // A = [[4,1,0],[1,3,1],[0,1,2]], x* = [1, -2, 3]  =>  b = A x* = [2, -2, 4]
        var a = new double[,] { { 4, 1, 0 }, { 1, 3, 1 }, { 0, 1, 2 } };
        var x = new double[3];
        var result = ConjugateGradient.Solve(Matrix(a), [2, -2, 4], x, 10, 1e-20);
        Assert.Equal(1.0, x[0], 12);
        Assert.Equal(-2.0, x[1], 12);
        Assert.Equal(3.0, x[2], 12);
        Assert.True(result.Iterations <= 4, $"CG converges in n = 3 iterations in exact arithmetic (took {result.Iterations})");
    }

    [Fact]
    public void Solve_StopsAtTheIterationLimit_AndRecordsEveryResidual()
    {
        var a = new double[,] { { 4, 1, 0 }, { 1, 3, 1 }, { 0, 1, 2 } };
        var x = new double[3];
        var result = ConjugateGradient.Solve(Matrix(a), [2, -2, 4], x, 1, 0);
        Assert.Equal(1, result.Iterations);
        Assert.Equal(ConjugateGradientStop.IterationLimit, result.Stop);
        Assert.Equal(2, result.ResidualNorms.Length);
        Assert.Equal(4 + 4 + 16, result.ResidualNorms[0]);
        // one step from 0 is alpha b with alpha = b·b / bᵀA b ; A b = [6, 0, 6], bᵀA b = 12 + 0 + 24
        Assert.Equal(24.0 / 36.0 * 2, x[0], 14);
    }

    [Fact]
    public void Solve_StopsEarly_WhenTheResidualFallsBelowTheTolerance()
    {
        var a = new double[,] { { 2, 0 }, { 0, 2 } };
        var x = new double[2];
        var result = ConjugateGradient.Solve(Matrix(a), [1, 1], x, 10, 1e-10);
        Assert.Equal(ConjugateGradientStop.Converged, result.Stop);
        Assert.Equal(1, result.Iterations);
        Assert.Equal([0.5, 0.5], x);
    }

    [Fact]
    public void Solve_ReportsNonPositiveCurvature_WithoutWritingNaN()
    {
        var a = new double[,] { { -1, 0 }, { 0, 1 } };
        var x = new double[2];
        var result = ConjugateGradient.Solve(Matrix(a), [1, 0], x, 10, 1e-10);
        Assert.Equal(ConjugateGradientStop.NonPositiveCurvature, result.Stop);
        Assert.Equal([0.0, 0.0], x);
    }

    [Fact]
    public void Solve_OfAZeroRightHandSide_ReturnsZeroAtOnce()
    {
        var x = new double[] { 5, 5 };
        var result = ConjugateGradient.Solve(Matrix(new double[,] { { 1, 0 }, { 0, 1 } }), [0, 0], x, 10, 1e-10);
        Assert.Equal(0, result.Iterations);
        Assert.Equal([0.0, 0.0], x);
    }

    [Fact]
    public void Solve_WithCallerScratch_GivesTheSameBits_AndTheScratchMayBeDirty()
    {
        var a = new double[,] { { 4, 1, 0 }, { 1, 3, 1 }, { 0, 1, 2 } };
        var expectedX = new double[3];
        var expected = ConjugateGradient.Solve(Matrix(a), [2, -2, 4], expectedX, 2, 0);
        var x = new double[3];
        var scratch = Enumerable.Repeat(double.NaN, 9).ToArray();
        var actual = ConjugateGradient.Solve(Matrix(a), [2, -2, 4], x, 2, 0, scratch);
        Assert.Equal(expectedX, x);
        Assert.Equal(expected.ResidualNorms, actual.ResidualNorms);
        Assert.Throws<ArgumentException>(() => ConjugateGradient.Solve(Matrix(a), [2, -2, 4], x, 2, 0, new double[8]));
    }
}
