namespace Trpo.Spec

/// Adam's hyperparameters.
type AdamConfig =
    { /// α, the step size.
      LearningRate: float
      /// β1, decay of the first-moment estimate (0.9).
      Beta1: float
      /// β2, decay of the second-moment estimate (0.999).
      Beta2: float
      /// ε, added to sqrt(v̂).
      Epsilon: float }

/// Adam's state: the moment estimates and the step count t.
type AdamState =
    { M: float[]
      V: float[]
      T: int }

/// Adam, Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1.
/// Pairs with Trpo.Core.Optimization.Adam (which arranges the same update as PyTorch does).
[<RequireQualifiedAccess>]
module Adam =

    /// The defaults of Algorithm 1 (and of PyTorch) with the given α and ε.
    let config learningRate epsilon = { LearningRate = learningRate; Beta1 = 0.9; Beta2 = 0.999; Epsilon = epsilon }

    /// m_0 = v_0 = 0, t = 0.
    let init (n: int) = { M = Array.zeroCreate n; V = Array.zeroCreate n; T = 0 }

    /// One step of Algorithm 1:
    /// t ← t + 1; m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²;
    /// m̂ = m / (1 − β1^t); v̂ = v / (1 − β2^t); θ ← θ − α m̂ / (sqrt(v̂) + ε).
    let step (c: AdamConfig) (s: AdamState) (theta: float[]) (g: float[]) =
        let t = s.T + 1
        let m = Array.map2 (fun mi gi -> c.Beta1 * mi + (1.0 - c.Beta1) * gi) s.M g
        let v = Array.map2 (fun vi gi -> c.Beta2 * vi + (1.0 - c.Beta2) * gi * gi) s.V g
        let mHat = m |> Array.map (fun mi -> mi / (1.0 - pown c.Beta1 t))
        let vHat = v |> Array.map (fun vi -> vi / (1.0 - pown c.Beta2 t))
        let theta' = Array.init theta.Length (fun i -> theta.[i] - c.LearningRate * mHat.[i] / (sqrt vHat.[i] + c.Epsilon))
        { M = m; V = v; T = t }, theta'
