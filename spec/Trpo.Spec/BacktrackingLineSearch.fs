namespace Trpo.Spec

/// One trial of the line search.
type LineSearchAttempt =
    { /// backtrack_coeff^j, the fraction of the full step tried.
      Fraction: float
      /// D̄_KL(θ_old, θ_j).
      Kl: float
      /// L(θ_j) − L(θ_old).
      Improvement: float
      Accepted: bool }

/// How the line search ended.
type LineSearchOutcome =
    /// Attempt j was accepted: its fraction backtrack_coeff^j, its KL and its surrogate improvement.
    | Accepted of fraction: float * kl: float * improvement: float
    /// No attempt satisfied both conditions: θ stays θ_old.
    | Rejected

/// A line search: every attempt in order and the outcome.
type LineSearch =
    { Attempts: LineSearchAttempt list
      Outcome: LineSearchOutcome }

/// TRPO's backtracking line search. Pairs with Trpo.Core.Optimization.BacktrackingLineSearch.
[<RequireQualifiedAccess>]
module BacktrackingLineSearch =

    /// The fraction backtrack_coeff^j of attempt j.
    let fraction (backtrackCoeff: float) (j: int) = pown backtrackCoeff j

    /// An attempt is accepted when it keeps the trust region, D̄_KL ≤ δ, and improves the surrogate,
    /// L(θ_j) − L(θ_old) > 0 (Schulman et al. 2015, appendix C; Spinning Up's TRPO, trpo.py).
    let accepts (delta: float) (kl: float) (improvement: float) = kl <= delta && improvement > 0.0

    /// Tries θ_j = θ_old + backtrack_coeff^j β x for j = 0 .. backtrack_iters − 1 through evaluate, which maps
    /// a fraction to (KL, improvement), and stops at the first accepted attempt.
    let run (backtrackIters: int) (backtrackCoeff: float) (delta: float) (evaluate: float -> float * float) =
        let rec attempt j tried =
            if j = backtrackIters then { Attempts = List.rev tried; Outcome = Rejected }
            else
                let f = fraction backtrackCoeff j
                let kl, improvement = evaluate f
                let ok = accepts delta kl improvement
                let tried = { Fraction = f; Kl = kl; Improvement = improvement; Accepted = ok } :: tried
                if ok then { Attempts = List.rev tried; Outcome = Accepted(f, kl, improvement) }
                else attempt (j + 1) tried
        attempt 0 []

    /// backtrack_coeff^j of the accepted attempt, or 0 when the search was rejected.
    let acceptedFraction (search: LineSearch) =
        match search.Outcome with
        | Accepted(f, _, _) -> f
        | Rejected -> 0.0
