/// Property-based checks driven from xunit: FsCheck generators sampled with a fixed seed.
module Trpo.Spec.Tests.Properties


open FsCheck.FSharp

/// The seed every property starts from, so any failure replays exactly (set TRPO_SPEC_SEED to explore others).
let seed =
    match System.Environment.GetEnvironmentVariable "TRPO_SPEC_SEED" with
    | null | "" -> 20150219UL // the TRPO paper's arXiv submission date
    | s -> uint64 s

/// Draws `count` cases from gen (FsCheck size 10) with the fixed seed and checks each; the first failing case
/// fails the test with its index, the seed and the case itself. The case index and seed are enough to replay it.
let check (count: int) (gen: FsCheck.Gen<'case>) (property: 'case -> unit) =
    let cases = Gen.sampleWithSeed (FsCheck.Rnd seed) 10 count gen
    cases
    |> Array.iteri (fun i case ->
        try property case
        with e ->
            let shown = sprintf "%A" case
            let shown = if shown.Length > 4000 then shown.Substring(0, 4000) + " ..." else shown
            failwithf "case %d of %d (seed %d) failed: %s\n%s" i count seed e.Message shown)
