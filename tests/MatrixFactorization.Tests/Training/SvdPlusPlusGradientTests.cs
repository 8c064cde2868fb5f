using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

/// <summary>
/// With one rating per user, one epoch of the cached pass is exactly one gradient step on the SVD++
/// loss at the starting point, so the trained parameters must equal θ − η∇L(θ), the gradient taken
/// here by central differences of the loss written out in double precision.
/// </summary>
public sealed class SvdPlusPlusGradientTests
{
    private const int K = 3;
    private const double Start = 0.2;
    private const double Rate = 0.05;
    private const double Lambda = 0.3, BiasLambda = 0.07, ImplicitLambda = 0.5;

    [Fact]
    public void One_epoch_on_single_ratings_is_one_step_down_the_finite_difference_gradient()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(0, 0, 4.5f);
        builder.Add(1, 1, 1.5f);
        RatingStore store = builder.Build();
        const double Mean = 3.0; // (4.5 + 1.5) / 2

        SvdPlusPlusModel model = new SvdPlusPlusTrainer(new SvdPlusPlusOptions
        {
            FactorCount = K,
            Epochs = 1,
            LearningRate = (float)Rate,
            FactorRegularization = (float)Lambda,
            BiasRegularization = (float)BiasLambda,
            ImplicitRegularization = (float)ImplicitLambda,
            Initialization = FactorInitialization.Normal(0f, (float)Start),
            ClipPredictions = false,
        }).Fit(store);

        foreach ((long userId, long itemId, double rating) in new[] { (0L, 0L, 4.5), (1L, 1L, 1.5) })
        {
            int u = model.Users.TryGetIndex(userId, out int ui) ? ui : throw new InvalidOperationException();
            int i = model.Items.TryGetIndex(itemId, out int ii) ? ii : throw new InvalidOperationException();
            double[] theta = new double[2 + (3 * K)];
            for (int f = 2; f < theta.Length; f++)
            {
                theta[f] = Start;
            }

            double[] gradient = CentralDifferences(t => Loss(t, rating, Mean), theta);
            double[] expected = theta.Select((t, n) => t - (Rate * gradient[n])).ToArray();

            ((double)model.UserBiases[u]).Should().BeApproximately(expected[0], 1e-6, "b_u");
            ((double)model.ItemBiases[i]).Should().BeApproximately(expected[1], 1e-6, "b_i");
            for (int f = 0; f < K; f++)
            {
                double p = expected[2 + f], q = expected[2 + K + f], y = expected[2 + (2 * K) + f];
                ((double)model.ItemFactors.GetRow(i)[f]).Should().BeApproximately(q, 1e-6, $"q[{f}]");
                ((double)model.ImplicitFactors.GetRow(i)[f]).Should().BeApproximately(y, 1e-6, $"y[{f}]");

                // The model keeps p_u + |N(u)|^-1/2 Σ y_j, with the y after the step; |N(u)| = 1.
                ((double)model.UserFactors.GetRow(u)[f]).Should().BeApproximately(p + y, 1e-6, $"p[{f}] + y[{f}]");
            }
        }
    }

    /// <summary>½e² + ½λ(‖p‖² + ‖q‖²) + ½λ_b(b_u² + b_i²) + ½λ_y‖y‖², θ = [b_u, b_i, p, q, y], N(u) = {i}.</summary>
    private static double Loss(double[] t, double rating, double mean)
    {
        double bu = t[0], bi = t[1];
        double dot = 0, penalty = 0, implicitPenalty = 0;
        for (int f = 0; f < K; f++)
        {
            double p = t[2 + f], q = t[2 + K + f], y = t[2 + (2 * K) + f];
            dot += q * (p + (y / Math.Sqrt(1)));
            penalty += (p * p) + (q * q);
            implicitPenalty += y * y;
        }

        double e = rating - (mean + bu + bi + dot);
        return (0.5 * e * e) + (0.5 * Lambda * penalty) + (0.5 * BiasLambda * ((bu * bu) + (bi * bi))) + (0.5 * ImplicitLambda * implicitPenalty);
    }

    private static double[] CentralDifferences(Func<double[], double> loss, double[] at)
    {
        const double H = 1e-5;
        var gradient = new double[at.Length];
        for (int n = 0; n < at.Length; n++)
        {
            double[] up = (double[])at.Clone(), down = (double[])at.Clone();
            up[n] += H;
            down[n] -= H;
            gradient[n] = (loss(up) - loss(down)) / (2 * H);
        }

        return gradient;
    }
}
