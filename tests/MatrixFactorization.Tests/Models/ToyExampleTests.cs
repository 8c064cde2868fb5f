using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

/// <summary>
/// The talk's example: four people rate five movies, and the ratings are exactly rank 2 —
/// a "comedy" row 3 1 1 3 1 and an "action" row 1 2 4 1 3. Ana and Carlos like comedy, Betty
/// action, Dana both. Hide one rating and let a 2-factor model find it.
/// </summary>
public sealed class ToyExampleTests
{
    private static readonly string[] People = ["Ana", "Betty", "Carlos", "Dana"];
    private static readonly float[,] Ratings =
    {
        { 3, 1, 1, 3, 1 },
        { 1, 2, 4, 1, 3 },
        { 3, 1, 1, 3, 1 },
        { 4, 3, 5, 4, 4 },
    };

    [Theory]
    [InlineData("Betty", 2)]
    [InlineData("Dana", 0)]
    [InlineData("Carlos", 4)]
    public void A_two_factor_model_recovers_a_hidden_rating(string hiddenPerson, int hiddenMovie)
    {
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < People.Length; u++)
        {
            for (int m = 0; m < 5; m++)
            {
                if (People[u] != hiddenPerson || m != hiddenMovie)
                {
                    builder.Add(People[u], "movie" + m, Ratings[u, m]);
                }
            }
        }

        RatingStore store = builder.Build();
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(new MatrixFactorizationOptions
        {
            FactorCount = 2,
            Epochs = 3000,
            LearningRate = 0.02f,
            FactorRegularization = 0f,
            Initialization = FactorInitialization.MeanMatched(0.3f),
            Threads = 1,
            Seed = 1,
        }).Fit(store);

        for (int u = 0; u < People.Length; u++)
        {
            for (int m = 0; m < 5; m++)
            {
                Prediction p = model.Predict(People[u], "movie" + m);
                p.Source.Should().Be(PredictionSource.Model);
                float tolerance = People[u] == hiddenPerson && m == hiddenMovie ? 0.3f : 0.1f;
                p.Value.Should().BeApproximately(Ratings[u, m], tolerance, $"{People[u]} rates movie {m} {Ratings[u, m]}");
            }
        }
    }
}
