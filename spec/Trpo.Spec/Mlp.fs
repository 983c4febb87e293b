namespace Trpo.Spec

/// The shape of a multilayer perceptron: widths of the input, each hidden layer and the output, and where each
/// layer's weights and biases sit in θ (made by Mlp.layout).
type MlpLayout =
    { Sizes: int[]
      WeightOffsets: int[]
      BiasOffsets: int[] }

/// A multilayer perceptron with tanh hidden layers and a linear output layer, over a flat parameter vector θ.
/// Pairs with Trpo.Core.Policies.Mlp and reads θ in the engine's layout: layer by layer, W_lᵀ (in_l × out_l,
/// row-major, so W_jk, the weight from input k to output j, sits at offset + k·out_l + j) followed by b_l.
[<RequireQualifiedAccess>]
module Mlp =

    /// A layout from the widths of all layers, input first: layer l's weights start after all earlier layers'
    /// (out·in + out parameters each), its biases after its own out·in weights.
    let ofSizes (sizes: int[]) =
        let layerSize l = sizes.[l] * sizes.[l + 1] + sizes.[l + 1]
        let weightOffsets = Array.init (sizes.Length) (fun l -> Seq.sum (seq { for i in 0 .. l - 1 -> layerSize i }))
        { Sizes = sizes
          WeightOffsets = weightOffsets
          BiasOffsets = Array.init (sizes.Length - 1) (fun l -> weightOffsets.[l] + sizes.[l] * sizes.[l + 1]) }

    /// A layout from input width, hidden widths and output width.
    let layout (inputSize: int) (hiddenSizes: int list) (outputSize: int) =
        ofSizes (Array.ofList ((inputSize :: hiddenSizes) @ [ outputSize ]))

    /// Number of affine layers L (hidden layers + 1).
    let layerCount (net: MlpLayout) = net.Sizes.Length - 1

    /// in_l and out_l of layer l.
    let layerShape (net: MlpLayout) l = net.Sizes.[l], net.Sizes.[l + 1]

    /// Length of θ.
    let parameterCount (net: MlpLayout) = net.WeightOffsets.[layerCount net]

    /// W_jk of layer l (from input k to output j).
    let inline weight (net: MlpLayout) (theta: 'a[]) l j k = theta.[net.WeightOffsets.[l] + k * net.Sizes.[l + 1] + j]

    /// b_j of layer l.
    let inline bias (net: MlpLayout) (theta: 'a[]) l j = theta.[net.BiasOffsets.[l] + j]

    /// Layer l applied to a: z_j = Σ_k W_jk a_k + b_j, then tanh on a hidden layer (a_l = tanh z_l) and the
    /// identity on the output layer (a_L = z_L).
    let layer (net: MlpLayout) (theta: Var[]) l (a: Var[]) =
        let nIn, nOut = net.Sizes.[l], net.Sizes.[l + 1]
        let z j =
            let rec sum k (acc: Var) = if k = nIn then acc else sum (k + 1) (acc + weight net theta l j k * a.[k])
            sum 0 (bias net theta l j)
        let hidden = l < net.Sizes.Length - 2
        Array.init nOut (fun j -> if hidden then tanh (z j) else z j)

    /// f_θ(s) with θ as variables (differentiable in θ). Reads
    /// θ[0 .. parameterCount − 1]; anything after (a policy's log σ) is left alone.
    let forwardVar (net: MlpLayout) (theta: Var[]) (s: float[]) =
        Seq.fold (fun a l -> layer net theta l a) (Ad.constants s) (seq { 0 .. layerCount net - 1 })

    /// The last hidden layer's activations a_{L−1} for input s and float parameters (constants: nothing is
    /// differentiated through them). gSDE's features (StochasticPolicy, StateDependent).
    let features (net: MlpLayout) (theta: float[]) (s: float[]) =
        Seq.fold (fun a l -> layer net (Ad.constants theta) l a) (Ad.constants s) (seq { 0 .. layerCount net - 2 }) |> Ad.values

    /// f_θ(s): the network's output for input s.
    let forward (net: MlpLayout) (theta: float[]) (s: float[]) = forwardVar net (Ad.constants theta) s |> Ad.values

    /// J(s) = ∂f_θ(s)/∂θ as rows, one per output.
    let jacobian (net: MlpLayout) (theta: float[]) (s: float[]) = Ad.jacobian (fun t -> forwardVar net t s) theta

    /// J(s) v, the output's derivative along the parameter direction v.
    let jacobianVectorProduct (net: MlpLayout) (theta: float[]) (s: float[]) (v: float[]) = Vector.matVec (jacobian net theta s) v
