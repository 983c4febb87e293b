namespace Trpo.Spec

/// Plain vector arithmetic over float[] (no particular summation order is promised: the spec is compared
/// with the engine to a tolerance, not to the bit).
[<RequireQualifiedAccess>]
module Vector =

    /// x · y = Σ_i x_i y_i
    let dot (x: float[]) (y: float[]) = Array.fold2 (fun s xi yi -> s + xi * yi) 0.0 x y

    /// x + y
    let add (x: float[]) (y: float[]) = Array.map2 (+) x y

    /// x − y
    let sub (x: float[]) (y: float[]) = Array.map2 (-) x y

    /// a x
    let scale (a: float) (x: float[]) = Array.map (fun xi -> a * xi) x

    /// x + a y
    let addScaled (x: float[]) (a: float) (y: float[]) = Array.map2 (fun xi yi -> xi + a * yi) x y

    /// (1/n) Σ_i x_i
    let mean (x: float[]) = Array.sum x / float x.Length

    /// The population variance (1/n) Σ_i (x_i − mean x)².
    let populationVariance (x: float[]) =
        let m = mean x
        x |> Array.averageBy (fun xi -> (xi - m) * (xi - m))

    /// True when no element is NaN or infinite.
    let allFinite (x: float[]) = x |> Array.forall System.Double.IsFinite

    /// A x for a matrix given as rows.
    let matVec (a: float[][]) (x: float[]) = a |> Array.map (fun row -> dot row x)
