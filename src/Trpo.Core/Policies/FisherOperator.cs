using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Policies;

/// <summary>
/// The damped Fisher-vector product v ↦ (F + c I) v at θ_old (design.md step 4; Schulman et al. 2015,
/// appendix C.1), with F = (1/N) Σ_n J_nᵀ M_n J_n the Hessian of the mean KL(π_old ‖ π_θ) at θ = θ_old:
/// J v by one forward-mode pass, M (the distribution's Fisher) per row, Jᵀ(·) by one reverse pass, fused
/// chunk by chunk (<see cref="Mlp.JacobianTransposeMapJacobian"/>), or, where <see cref="Mlp.FisherBySensitivities"/>
/// holds (every batch whose activations are cached, unless the output is wide), through the network's output
/// sensitivities at θ_old (<see cref="Mlp.JacobianTransposeMapJacobianBySensitivities"/>, about half the FLOPs).
/// Prepared once per policy step so that what does not depend on v (the old probabilities, the variances, the
/// sensitivities) is computed once, and so that <see cref="Apply"/> allocates nothing: conjugate gradient calls
/// it every iteration.
/// </summary>
/// <remarks>
/// Categorical: M = diag(p) − p pᵀ on the logits. Gaussian: 1/σ² on each mean, 2 on each log σ (whose
/// Jacobian is the identity). gSDE (<see cref="StateDependentNoise"/>): 1/v_nj on each mean, with the row's
/// variance v_nj = Σ_i f_ni² σ_ij² + ε_v, and 2 on each row's action log-std ½ log v_nj, whose Jacobian in the
/// log σ matrix is the shares a_nij = f_ni² σ_ij² / v_nj (the features detached, as in sb3): the log σ block is
/// (F v)_ij = (1/N) Σ_n a_nij · 2 Σ_l a_nlj v_lj, and there is no cross term (a Gaussian's mean and variance are
/// orthogonal in its Fisher metric). Every row's M u is computed exactly as <see cref="Categorical.FisherProduct"/>
/// and the division by σ² = exp(2 log σ) of the per-row formula, so the bits do not depend on the
/// precomputation.
/// </remarks>
public sealed class FisherOperator : IOutputMap
{
    private readonly StochasticPolicy _policy;
    private readonly double[] _theta;
    private readonly double[] _variances;
    private double[] _probabilities = [];
    private double[] _rowVariances = [];
    private double[] _shares = [];
    private readonly double[] _weightVariances;
    private readonly double[] _stdTangent;
    private readonly FisherRoute _route;
    private MlpWorkspace? _workspace;
    private int _rows;
    private double _damping;
    private double _invN;

    /// <summary>An operator for <paramref name="policy"/>; buffers grow with the first batch.</summary>
    public FisherOperator(StochasticPolicy policy) : this(policy, FisherRoute.ByRule)
    {
    }

    /// <summary>An operator whose products take <paramref name="route"/>, so that tests can compare the two routes.</summary>
    internal FisherOperator(StochasticPolicy policy, FisherRoute route)
    {
        _route = route;
        _policy = policy;
        _theta = new double[policy.ParameterCount];
        _variances = new double[policy.ActionSize];
        _weightVariances = new double[policy.FeatureSize * policy.ActionSize];
        _stdTangent = new double[policy.ActionSize];
    }

    /// <summary>
    /// Fixes θ_old = <paramref name="theta"/>, whose forward pass <paramref name="ws"/> holds (<see cref="StochasticPolicy.Evaluate"/>),
    /// its distribution inputs <paramref name="oldOutputs"/> (rows × <see cref="StochasticPolicy.OutputWidth"/>) and the damping c.
    /// </summary>
    public void Prepare(ReadOnlySpan<double> theta, ReadOnlySpan<double> oldOutputs, int rows, MlpWorkspace ws, double damping)
    {
        theta.CopyTo(_theta);
        _workspace = ws;
        _rows = rows;
        _damping = damping;
        _invN = 1.0 / rows;
        Mlp net = _policy.Network;
        BySensitivities = _route switch
        {
            FisherRoute.ByRule => net.FisherBySensitivities(rows, ws.CachesActivations),
            FisherRoute.Sensitivities => true,
            _ => false,
        };
        // S_h = ∂f/∂z_h of every row at θ_old, for every product of this step
        if (BySensitivities) net.PrepareOutputSensitivities(_policy.NetworkParameters(_theta), rows, ws);
        int d = _policy.ActionSize;
        if (_policy.Kind == ActionKind.Discrete)
        {
            if (_probabilities.Length < rows * d) _probabilities = new double[rows * d];
            // p_old of every row, as the per-row product computed it
            for (int n = 0; n < rows; n++) Categorical.Probabilities(oldOutputs.Slice(n * d, d), _probabilities.AsSpan(n * d, d));
        }
        else if (_policy.UsesStateDependentNoise)
        {
            int k = _policy.FeatureSize;
            if (_rowVariances.Length < rows * d) _rowVariances = new double[rows * d];
            if (_shares.Length < rows * k * d) _shares = new double[rows * k * d];
            StateDependentNoise.WeightVariances(_policy.LogStd(_theta), _weightVariances);
            // v_nj = Σ_i f_ni² σ_ij² + ε_v and a_nij = f_ni² σ_ij² / v_nj of every row
            for (int n = 0; n < rows; n++)
            {
                Span<double> v = _rowVariances.AsSpan(n * d, d);
                _policy.GsdeVariances(oldOutputs, n, _weightVariances, v);
                StateDependentNoise.Shares(_policy.GsdeFeatures(oldOutputs, n), _weightVariances, v, _shares.AsSpan(n * k * d, k * d));
            }
        }
        else
        {
            ReadOnlySpan<double> logStd = _policy.LogStd(_theta);
            // σ_i² = exp(2 log σ_i)
            for (int i = 0; i < d; i++) _variances[i] = DetMath.Exp(2.0 * logStd[i]);
        }
    }

    /// <summary>True when the last <see cref="Prepare"/> chose the output-sensitivity products (<see cref="Mlp.FisherBySensitivities"/>).</summary>
    public bool BySensitivities { get; private set; }

    /// <summary>result = (F + c I) v. Allocates nothing.</summary>
    public void Apply(ReadOnlySpan<double> v, Span<double> result)
    {
        if (_workspace is null) throw new InvalidOperationException("Prepare must be called before Apply");
        int p = _policy.Network.ParameterCount;
        result.Clear();
        if (BySensitivities) _policy.Network.JacobianTransposeMapJacobianBySensitivities(_policy.NetworkParameters(_theta), v[..p], _rows, _workspace, this, result[..p]);
        else _policy.Network.JacobianTransposeMapJacobian(_policy.NetworkParameters(_theta), v[..p], _rows, _workspace, this, result[..p]);
        if (_policy.UsesStateDependentNoise) ApplyLogStdMatrixBlock(v[p..], result[p..]);
        // log σ block: (1/N) Σ_n 2 v = 2 v
        else for (int i = p; i < _policy.ParameterCount; i++) result[i] = 2.0 * v[i];
        // damping: (F + c I) v
        VectorOps.AddScaled(result, _damping, v);
    }

    /// <summary>gSDE's log σ block: r_ij = (1/N) Σ_n a_nij · 2 t_nj with t_nj = Σ_l a_nlj v_lj (rows in order).</summary>
    private void ApplyLogStdMatrixBlock(ReadOnlySpan<double> v, Span<double> result)
    {
        int d = _policy.ActionSize, k = _policy.FeatureSize;
        Span<double> t = _stdTangent;
        for (int n = 0; n < _rows; n++)
        {
            ReadOnlySpan<double> a = _shares.AsSpan(n * k * d, k * d);
            // t_nj = Σ_l a_nlj v_lj: the row's tangent of log √v_nj
            t.Clear();
            for (int l = 0; l < k; l++)
                for (int j = 0; j < d; j++) t[j] += a[l * d + j] * v[l * d + j];
            // r_ij += a_nij · (2 t_nj / N)
            for (int j = 0; j < d; j++) t[j] = 2.0 * t[j] * _invN;
            for (int i = 0; i < k; i++)
                for (int j = 0; j < d; j++) result[i * d + j] += a[i * d + j] * t[j];
        }
    }

    /// <summary>u_n = M_n (J v)_n / N for the chunk's rows.</summary>
    void IOutputMap.Map(int start, int count, ReadOnlySpan<double> jv, Span<double> u, Span<double> scratch)
    {
        int d = _policy.ActionSize;
        double invN = _invN;
        if (_policy.Kind == ActionKind.Discrete)
        {
            for (int n = 0; n < count; n++)
            {
                Span<double> uRow = u.Slice(n * d, d);
                Categorical.FisherProduct(_probabilities.AsSpan((start + n) * d, d), jv.Slice(n * d, d), uRow);
                for (int i = 0; i < d; i++) uRow[i] *= invN;
            }
        }
        else if (_policy.UsesStateDependentNoise)
        {
            // M_mean = 1/v_n: u_i = (Jv)_i / v_ni / N
            ReadOnlySpan<double> rowVariances = _rowVariances.AsSpan(start * d, count * d);
            for (int n = 0; n < count * d; n++) u[n] = jv[n] / rowVariances[n] * invN;
        }
        else
        {
            // M_mean = 1/σ²: u_i = (Jv)_i / σ_i² / N
            for (int n = 0; n < count; n++)
                for (int i = 0; i < d; i++) u[n * d + i] = jv[n * d + i] / _variances[i] * invN;
        }
    }
}

/// <summary>How <see cref="FisherOperator"/> computes Jᵀ M J v.</summary>
internal enum FisherRoute
{
    /// <summary>As <see cref="Mlp.FisherBySensitivities"/> decides (the engine's choice).</summary>
    ByRule,
    /// <summary>Always the forward-mode and reverse passes (<see cref="Mlp.JacobianTransposeMapJacobian"/>).</summary>
    Passes,
    /// <summary>Always the output sensitivities (<see cref="Mlp.JacobianTransposeMapJacobianBySensitivities"/>; needs a hidden layer).</summary>
    Sensitivities,
}
