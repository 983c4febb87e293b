module Trpo.Spec.Tests.Training.SurrogateTests

open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Policies.StochasticPolicyTests

[<Fact>]
let ``At theta_old the surrogate equals the mean advantage`` () =
    Properties.check 100 case (fun c ->
        let p, theta, b = c.Policy.Policy, c.Policy.Theta, c.Batch
        let oldLogProbs = StochasticPolicy.logProbs p theta b.Observations b.Actions
        // the ratio π_θ/π_old is exactly 1 at θ_old
        Tolerance.checkScalar "L(θ_old)" 1e-15 (Vector.mean b.Advantages) (Surrogate.value p oldLogProbs b.Observations b.Actions b.Advantages theta))

[<Fact>]
let ``At theta_old the surrogate's gradient equals the policy gradient`` () =
    Properties.check 100 case (fun c ->
        let p, theta, b = c.Policy.Policy, c.Policy.Theta, c.Batch
        // ∇ of the ratio-weighted surrogate against ∇ of the advantage-weighted log-likelihood (Williams 1992)
        let viaSurrogate = Surrogate.gradient p theta b.Observations b.Actions b.Advantages
        Tolerance.check "g (spec)" 1e-13 (Surrogate.policyGradient p theta b.Observations b.Actions b.Advantages) viaSurrogate
        Tolerance.check "g (engine)" gradientTolerance viaSurrogate (Engine.policyGradient p theta b.Observations b.Actions b.Advantages))
