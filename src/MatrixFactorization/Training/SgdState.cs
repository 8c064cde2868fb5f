using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>The parameters SGD updates in place, and the constants of the update.</summary>
internal sealed class SgdState
{
    public SgdState(FactorMatrix p, FactorMatrix q, float[] userBiases, float[] itemBiases, float globalMean, float regP, float regQ, float regB, bool adaGrad)
    {
        P = p;
        Q = q;
        Stride = p.Stride;
        UserBiases = userBiases;
        ItemBiases = itemBiases;
        GlobalMean = globalMean;
        RegP = regP;
        RegQ = regQ;
        RegB = regB;
        if (adaGrad)
        {
            GP = new FactorMatrix(p.Rows, p.Columns);
            GQ = new FactorMatrix(q.Rows, q.Columns);
            GUserBiases = new float[userBiases.Length];
            GItemBiases = new float[itemBiases.Length];
        }
    }

    public readonly FactorMatrix P;
    public readonly FactorMatrix Q;
    public readonly int Stride;
    public readonly float[] UserBiases;
    public readonly float[] ItemBiases;
    public readonly float GlobalMean;
    public readonly float RegP;
    public readonly float RegQ;
    public readonly float RegB;
    public readonly FactorMatrix? GP;
    public readonly FactorMatrix? GQ;
    public readonly float[]? GUserBiases;
    public readonly float[]? GItemBiases;
}
