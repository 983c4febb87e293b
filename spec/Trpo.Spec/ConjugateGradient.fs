namespace Trpo.Spec

/// Why conjugate gradient stopped.
type CgStop =
    /// All iterations ran.
    | IterationLimit
    /// r·r fell below the tolerance.
    | Converged
    /// pᵀA p was not positive and finite: A is not positive definite along p.
    | NonPositiveCurvature

/// A conjugate-gradient run.
type CgResult =
    { /// x ≈ A⁻¹ b.
      X: float[]
      /// Iterations completed (updates applied to x).
      Iterations: int
      /// r_k·r_k for k = 0 .. Iterations (r_0·r_0 = b·b).
      Residuals: float list
      Stop: CgStop }

/// The conjugate-gradient method for A x = b, A symmetric positive definite, from x_0 = 0 (Hestenes and
/// Stiefel 1952; Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithm 5.2). Pairs with
/// Trpo.Core.Optimization.ConjugateGradient.
[<RequireQualifiedAccess>]
module ConjugateGradient =

    type private State =
        { X: float[]
          R: float[]
          P: float[]
          RR: float
          Residuals: float list // newest first
          K: int }

    /// Solves A x = b with at most maxIterations iterations, stopping once r·r < tolerance:
    /// x_0 = 0, r_0 = p_0 = b;
    /// α_k = r_kᵀr_k / p_kᵀA p_k; x_{k+1} = x_k + α_k p_k; r_{k+1} = r_k − α_k A p_k;
    /// β_k = r_{k+1}ᵀr_{k+1} / r_kᵀr_k; p_{k+1} = r_{k+1} + β_k p_k.
    let solve (a: float[] -> float[]) (b: float[]) (maxIterations: int) (tolerance: float) =
        let finish (s: State) stop = { X = s.X; Iterations = s.K; Residuals = List.rev s.Residuals; Stop = stop }
        let rec iterate (s: State) =
            if s.RR < tolerance then finish s Converged
            elif s.K = maxIterations then finish s IterationLimit
            else
                let ap = a s.P
                let pAp = Vector.dot s.P ap
                if not (pAp > 0.0 && System.Double.IsFinite pAp) then finish s CgStop.NonPositiveCurvature
                else
                    let alpha = s.RR / pAp
                    let r = Vector.addScaled s.R -alpha ap
                    let rr = Vector.dot r r
                    iterate
                        { X = Vector.addScaled s.X alpha s.P
                          R = r
                          P = Vector.addScaled r (rr / s.RR) s.P
                          RR = rr
                          Residuals = rr :: s.Residuals
                          K = s.K + 1 }
        let rr0 = Vector.dot b b
        iterate { X = Array.zeroCreate b.Length; R = b; P = b; RR = rr0; Residuals = [ rr0 ]; K = 0 }
