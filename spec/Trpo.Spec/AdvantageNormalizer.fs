namespace Trpo.Spec

/// Standardising the advantages over the batch. Pairs with Trpo.Core.Advantage.AdvantageNormalizer.
[<RequireQualifiedAccess>]
module AdvantageNormalizer =

    /// Added to the standard deviation so a constant batch does not divide by zero (Spinning Up's
    /// core.py and sb3's TRPO both use 1e-8).
    let epsilon = 1e-8

    /// Â_n = (A_n − mean A) / (std A + 1e-8), std the population standard deviation sqrt((1/N) Σ (A_n − mean)²).
    let normalize (a: float[]) =
        let m = Vector.mean a
        let s = sqrt (Vector.populationVariance a)
        a |> Array.map (fun an -> (an - m) / (s + epsilon))
