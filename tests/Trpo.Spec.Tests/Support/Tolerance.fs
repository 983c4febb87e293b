/// Comparing the engine with the spec: a normwise relative error against a named tolerance.
module Trpo.Spec.Tests.Tolerance

open System
open System.IO

/// The error measure used everywhere: max_i |actual_i − expected_i| / max_i |expected_i| (the ∞-norm relative
/// error of the whole quantity, Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., §1.2). It is
/// the plain relative error for a scalar; for a vector, an element much smaller than the largest is held to the
/// largest's scale, which is the precision it was computed to. Both NaN at an index counts as equal; a quantity
/// whose expected values are all 0 must match exactly.
let relativeErrorAt (floor: float) (expected: float[]) (actual: float[]) =
    if expected.Length <> actual.Length then infinity
    else
        let scale = expected |> Array.fold (fun m e -> if Double.IsFinite e then max m (abs e) else m) floor
        let errorAt i =
            let e, a = expected.[i], actual.[i]
            if Double.IsNaN e && Double.IsNaN a then 0.0
            elif e = a then 0.0
            elif scale = 0.0 then infinity
            else abs (a - e) / scale
        Seq.init expected.Length errorAt |> Seq.fold max 0.0

/// relativeErrorAt with no floor.
let relativeError expected actual = relativeErrorAt 0.0 expected actual

/// The first index whose error exceeds the tolerance.
let firstExceeding (floor: float) (tolerance: float) (expected: float[]) (actual: float[]) =
    let scale = expected |> Array.fold (fun m e -> if Double.IsFinite e then max m (abs e) else m) floor
    Seq.init (min expected.Length actual.Length) id
    |> Seq.tryFind (fun i ->
        let e, a = expected.[i], actual.[i]
        not (Double.IsNaN e && Double.IsNaN a) && e <> a && (scale = 0.0 || not (abs (a - e) / scale <= tolerance)))

/// When TRPO_SPEC_ERRORS names a file, every measured error is appended to it as "quantity<TAB>error" so the
/// largest errors over a run can be read off (docs/algorithm.md quotes them). Off by default.
let private errorLog = Environment.GetEnvironmentVariable "TRPO_SPEC_ERRORS"
let private logLock = obj ()

let record (quantity: string) (error: float) =
    if not (String.IsNullOrEmpty errorLog) then
        lock logLock (fun () -> File.AppendAllText(errorLog, sprintf "%s\t%.3e\n" quantity error))

/// Fails (with the first differing index, both values and the error) unless actual agrees with expected within
/// tolerance, the error measured against max(‖expected‖∞, floor): the floor is the size of the terms the
/// quantity is a difference of, when cancellation makes it smaller than them (1 for 1[i = a] − p_i).
let checkAt (quantity: string) (floor: float) (tolerance: float) (expected: float[]) (actual: float[]) =
    if expected.Length <> actual.Length then
        failwithf "%s: the spec has %d values, the engine %d" quantity expected.Length actual.Length
    let error = relativeErrorAt floor expected actual
    record quantity error
    match firstExceeding floor tolerance expected actual with
    | Some i ->
        failwithf "%s[%d]: spec %.17g, engine %.17g; relative error %.3e exceeds the tolerance %.1e (%d values)"
            quantity i expected.[i] actual.[i] error tolerance expected.Length
    | None -> ()

/// checkAt with no floor: the ∞-norm relative error of relativeError.
let check quantity tolerance expected actual = checkAt quantity 0.0 tolerance expected actual

/// Fails unless |actual − expected| ≤ tolerance · scale, for a quantity whose rounding error is set by the size
/// of the terms it is computed from (scale) rather than by its own size: a KL between nearby distributions is a
/// sum of O(1) terms that cancel to something tiny, so its error is an ulp of the terms.
let checkScaled (quantity: string) (tolerance: float) (scale: float) (expected: float) (actual: float) =
    let error = if expected = actual then 0.0 else abs (actual - expected) / scale
    record quantity error
    if not (error <= tolerance) then
        failwithf "%s: spec %.17g, engine %.17g; error %.3e of the scale %g exceeds the tolerance %.1e"
            quantity expected actual error scale tolerance

/// check for one number.
let checkScalar quantity tolerance (expected: float) (actual: float) = check quantity tolerance [| expected |] [| actual |]

/// Fails unless the two are equal (flags, counts, decisions).
let checkExact (quantity: string) (expected: 'a) (actual: 'a) =
    if expected <> actual then failwithf "%s: spec %A, engine %A" quantity expected actual
