namespace MatrixFactorization.Foundation;

/// <summary>
/// The tables of Marsaglia and Tsang's ziggurat for the standard normal, in Doornik's form (2005,
/// "An Improved Ziggurat Method to Generate Normal Random Samples"): 128 layers of equal area, the
/// index and the coordinate drawn from separate bits. About 99% of draws are one table lookup, one
/// comparison and one multiplication, with no logarithm, square root or division.
/// </summary>
internal static class NormalZiggurat
{
    /// <summary>Number of layers; a draw's low seven bits pick one.</summary>
    public const int Layers = 128;

    /// <summary>Where the tail starts: the right edge of the base layer's rectangle.</summary>
    public const double TailStart = 3.442619855899;

    /// <summary>The area of every layer.</summary>
    private const double LayerArea = 9.91256303526217e-3;

    /// <summary>Right edges of the layers, from the base (0) up to the peak (<see cref="Layers"/>, which is 0).</summary>
    public static readonly float[] Edge = Edges();

    /// <summary>Edge[i + 1] / Edge[i]: a coordinate below this fraction of its layer's edge lies in the
    /// part of the layer wholly under the curve, and is accepted at once.</summary>
    public static readonly float[] Inner = InnerFractions();

    /// <summary>The unnormalized density e^(−x²/2) at each edge, for the wedge test.</summary>
    public static readonly double[] Density = Densities();

    private static float[] Edges()
    {
        var x = new double[Layers + 1];
        double f = Math.Exp(-0.5 * TailStart * TailStart);
        x[0] = LayerArea / f;
        x[1] = TailStart;
        for (int i = 2; i < Layers; i++)
        {
            x[i] = Math.Sqrt(-2 * Math.Log((LayerArea / x[i - 1]) + f));
            f = Math.Exp(-0.5 * x[i] * x[i]);
        }

        x[Layers] = 0;
        return Array.ConvertAll(x, v => (float)v);
    }

    private static float[] InnerFractions()
    {
        var ratio = new float[Layers];
        for (int i = 0; i < Layers; i++)
        {
            ratio[i] = Edge[i + 1] / Edge[i];
        }

        return ratio;
    }

    private static double[] Densities() =>
        Array.ConvertAll(Edge, v => Math.Exp(-0.5 * (double)v * v));
}
