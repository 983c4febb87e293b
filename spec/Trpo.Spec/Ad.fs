namespace Trpo.Spec

/// One recorded operation: up to two parents with the local partial derivatives ∂node/∂parent (−1: no parent).
[<Struct>]
type TapeNode =
    { ParentA: int
      PartialA: float
      ParentB: int
      PartialB: float }

/// The record of one evaluation for reverse-mode differentiation: every elementary operation on variables,
/// in the order performed (a Wengert list).
[<AllowNullLiteral>]
type Tape() =
    let nodes = ResizeArray<TapeNode>()

    /// Appends a node and returns its index.
    member _.Push(parentA, partialA, parentB, partialB) =
        nodes.Add { ParentA = parentA; PartialA = partialA; ParentB = parentB; PartialB = partialB }
        nodes.Count - 1

    /// The adjoints ∂output/∂node of every node, by one backward sweep: adj(output) = 1 and, in reverse order,
    /// each node passes adj(node) · ∂node/∂parent to its parents (the chain rule). Nodes after output get 0.
    member _.Adjoints(output: int) =
        let adjoint = Array.zeroCreate nodes.Count
        adjoint.[output] <- 1.0
        for i in output .. -1 .. 0 do
            let a = adjoint.[i]
            if a <> 0.0 then
                let n = nodes.[i]
                if n.ParentA >= 0 then adjoint.[n.ParentA] <- adjoint.[n.ParentA] + a * n.PartialA
                if n.ParentB >= 0 then adjoint.[n.ParentB] <- adjoint.[n.ParentB] + a * n.PartialB
        adjoint

/// <summary>
/// A number that records how it was computed, for reverse-mode automatic differentiation: every gradient and
/// Jacobian in the spec comes from differentiating the very expressions that define the quantities (the
/// surrogate, the log-probability, the squared error), not from hand-derived backpropagation formulas as in the
/// engine (src/Trpo.Core/Policies/Mlp.cs), so a mistake in a hand-written derivative cannot be shared.
/// A constant has no tape (Node = −1).
/// </summary>
/// <remarks>
/// Griewank and Walther, "Evaluating Derivatives", 2nd ed., SIAM 2008, ch. 3–4 (reverse mode, the tape). The
/// transcendental functions use System.Math, the engine its own DetMath: agreement is to rounding, not the bit.
/// </remarks>
[<Struct; NoEquality; NoComparison>]
type Var =
    { Value: float
      Node: int
      Tape: Tape }

    static member private Record(value, a: Var, da, b: Var, db) =
        let tape = if isNull a.Tape then b.Tape else a.Tape
        if isNull tape then { Value = value; Node = -1; Tape = null }
        else { Value = value; Node = tape.Push(a.Node, da, b.Node, db); Tape = tape }

    static member private Record(value, a: Var, da) =
        if isNull a.Tape then { Value = value; Node = -1; Tape = null }
        else { Value = value; Node = a.Tape.Push(a.Node, da, -1, 0.0); Tape = a.Tape }

    static member (+)(a: Var, b: Var) = Var.Record(a.Value + b.Value, a, 1.0, b, 1.0)
    static member (+)(a: Var, b: float) = Var.Record(a.Value + b, a, 1.0)
    static member (+)(a: float, b: Var) = Var.Record(a + b.Value, b, 1.0)
    static member (-)(a: Var, b: Var) = Var.Record(a.Value - b.Value, a, 1.0, b, -1.0)
    static member (-)(a: Var, b: float) = Var.Record(a.Value - b, a, 1.0)
    static member (-)(a: float, b: Var) = Var.Record(a - b.Value, b, -1.0)
    static member (~-)(a: Var) = Var.Record(-a.Value, a, -1.0)
    /// ∂(ab)/∂a = b, ∂(ab)/∂b = a
    static member (*)(a: Var, b: Var) = Var.Record(a.Value * b.Value, a, b.Value, b, a.Value)
    static member (*)(a: Var, b: float) = Var.Record(a.Value * b, a, b)
    static member (*)(a: float, b: Var) = Var.Record(a * b.Value, b, a)
    /// ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²
    static member (/)(a: Var, b: Var) = Var.Record(a.Value / b.Value, a, 1.0 / b.Value, b, -a.Value / (b.Value * b.Value))
    static member (/)(a: Var, b: float) = Var.Record(a.Value / b, a, 1.0 / b)
    /// exp' = exp
    static member Exp(a: Var) =
        let e = System.Math.Exp a.Value
        Var.Record(e, a, e)
    /// log' = 1/a
    static member Log(a: Var) = Var.Record(System.Math.Log a.Value, a, 1.0 / a.Value)
    /// tanh' = 1 − tanh²
    static member Tanh(a: Var) =
        let t = System.Math.Tanh a.Value
        Var.Record(t, a, 1.0 - t * t)
    /// The additive identity (a constant), so that generic sums work on variables.
    static member Zero = { Value = 0.0; Node = -1; Tape = null }

/// Differentiating functions of variables.
[<RequireQualifiedAccess>]
module Ad =

    /// A constant: not recorded, derivative 0.
    let constant (x: float) = { Value = x; Node = -1; Tape = null }

    /// Constants for every element of x.
    let constants (x: float[]) = Array.map constant x

    /// The values of variables.
    let values (xs: Var[]) = xs |> Array.map (fun v -> v.Value)

    /// Σ of variables, left to right.
    let sum (xs: Var[]) = Array.fold (+) Var.Zero xs

    /// Independent variables with the values x, recorded on a fresh tape (nodes 0 .. n−1).
    let private variables (x: float[]) =
        let tape = Tape()
        tape, x |> Array.map (fun xi -> { Value = xi; Node = tape.Push(-1, 0.0, -1, 0.0); Tape = tape })

    /// ∇f(x), by one evaluation of f recorded on a tape and one backward sweep.
    let gradient (f: Var[] -> Var) (x: float[]) =
        let _, xs = variables x
        let y = f xs
        if y.Node < 0 then Array.zeroCreate x.Length
        else
            let adjoint = y.Tape.Adjoints y.Node
            xs |> Array.map (fun v -> adjoint.[v.Node])

    /// The Jacobian ∂f(x)/∂x as rows, row a = ∇f_a(x): one recorded evaluation, one backward sweep per output.
    let jacobian (f: Var[] -> Var[]) (x: float[]) =
        let _, xs = variables x
        f xs
        |> Array.map (fun y ->
            if y.Node < 0 then Array.zeroCreate x.Length
            else
                let adjoint = y.Tape.Adjoints y.Node
                xs |> Array.map (fun v -> adjoint.[v.Node]))
