using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Ease;

public sealed class EaseModelContract : ScoringModelContract
{
    /// <summary>The fit is closed-form: there is no seed.</summary>
    protected override bool SeedMatters => false;

    protected override IScoringModel Train(RatingStore train, ulong seed = 42, int threads = 1) =>
        new EaseTrainer(new EaseOptions { Threads = threads }).Fit(train);
}
