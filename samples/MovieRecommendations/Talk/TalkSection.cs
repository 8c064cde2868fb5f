using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;
using Spectre.Console;

namespace MovieRecommendations.Talk;

/// <summary>
/// Part 1: the talk's 4×5 matrix factorized into two features with the library, the features
/// compared with the talk's comedy and action, and a hidden rating guessed back.
/// </summary>
internal static class TalkSection
{
    /// <summary>The rating hidden in the last step: Dana (who likes both) on Movie 3 (4 action, 1 comedy).</summary>
    private const int HiddenUser = 3;
    private const int HiddenMovie = 2;

    // Twenty ratings and no noise: no regularization is needed, and none keeps the fit exact.
    // Plain SGD on so few ratings needs many small passes; one thread and one block make it a
    // plain sequential SGD, the textbook algorithm of the talk.
    private static readonly MatrixFactorizationOptions Options = new()
    {
        FactorCount = 2,
        Epochs = 3000,
        LearningRate = 0.02f,
        FactorRegularization = 0f,
        Seed = 7,
        Threads = 1,
        GridSize = 1,
        ClipPredictions = false,
    };

    public static void Run(IAnsiConsole console)
    {
        console.Write(new Rule("[bold]1. The talk: four friends, five movies[/]").LeftJustified());
        console.MarkupLine("Ana, Betty, Carlos and Dana rated five movies from 1 to 5 stars. In Luis Serrano's talk each rating is");
        console.MarkupLine("[italic]how much the friend likes comedy × how much comedy the movie has + the same for action[/]:");
        console.MarkupLine("the 4×5 ratings matrix is the product of a 4×2 matrix of tastes and a 2×5 matrix of movie features.");
        console.WriteLine();
        console.Write(TalkTables.Ratings());
        console.Write(TalkTables.TalkFeatures());
        console.MarkupLine("Tastes (comedy, action): Ana (1, 0), Betty (0, 1), Carlos (1, 0), Dana (1, 1). Dana on Movie 3: 1·1 + 1·4 = 5.");
        console.WriteLine();

        var watch = Stopwatch.StartNew();
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(Options).Fit(Build(hide: false));
        watch.Stop();
        console.MarkupLine($"Matrix factorization with 2 features ({Options.Epochs:N0} epochs of plain SGD, learning rate {Options.LearningRate}, seed {Options.Seed}) found its own features in {watch.ElapsedMilliseconds} ms:");
        Matrix<double> items = ItemFeatures(model);
        Matrix<double> users = UserFeatures(model);
        console.Write(TalkTables.LearnedFeatures(items));
        console.MarkupLine($"Learned tastes: {TalkTables.Tastes(users)}");
        console.WriteLine();

        double[,] reconstruction = Reconstruct(model);
        (double rmse, double largest) = Errors(reconstruction);
        console.MarkupLine("Their product rebuilds the ratings ([grey]original → learned[/]):");
        console.Write(TalkTables.Reconstruction(reconstruction));
        console.MarkupLine($"Reconstruction RMSE {rmse:F4}, largest error {largest:F4}");
        console.WriteLine();

        Matrix<double> talkItems = Matrix<double>.Build.Dense(TalkMatrix.Movies.Length, 2, (i, f) => f == 0 ? TalkMatrix.Comedy[i] : TalkMatrix.Action[i]);
        var alignment = FeatureAlignment.Fit(items, users, talkItems);
        console.MarkupLine("The learned features are not comedy and action themselves: for any invertible 2×2 matrix A, tastes P·A and");
        console.MarkupLine("features Q·A⁻ᵀ give exactly the same ratings, so the data cannot tell them apart, and the fit is judged by");
        console.MarkupLine("the reconstruction. The best linear map W onto comedy and action (least squares, MathNet.Numerics) shows");
        console.MarkupLine("they are the talk's features in disguise:");
        console.Write(TalkTables.Aligned(alignment));
        Matrix<double> w = alignment.Map;
        console.MarkupLine($"W = [[{w[0, 0]:F2} {w[0, 1]:F2}; {w[1, 0]:F2} {w[1, 1]:F2}]], and the tastes mapped the matching way (P·W⁻ᵀ): {TalkTables.Tastes(alignment.Users)}");
        console.MarkupLine($"Mapped features differ from the talk's by at most {alignment.LargestItemDifference(talkItems):F3}.");
        console.WriteLine();

        MatrixFactorizationModel partial = new MatrixFactorizationTrainer(Options).Fit(Build(hide: true));
        int truth = TalkMatrix.Ratings[HiddenUser, HiddenMovie];
        float guess = partial.Predict(TalkMatrix.Users[HiddenUser], TalkMatrix.Movies[HiddenMovie]).Value;
        console.MarkupLine($"Now hide {TalkMatrix.Users[HiddenUser]}'s rating of {TalkMatrix.Movies[HiddenMovie]} and train on the other 19:");
        console.MarkupLine($"Hidden rating: {TalkMatrix.Users[HiddenUser]} on {TalkMatrix.Movies[HiddenMovie]} guessed {guess:F2}, true {truth}");
        console.MarkupLine("[grey]Two features fitted from her other ratings and the other friends' ratings of the movie are enough to fill the gap.[/]");
        console.WriteLine();
    }

    private static RatingStore Build(bool hide)
    {
        var builder = new RatingStoreBuilder(scale: RatingScale.FiveStars) { Threads = 1 };
        for (int u = 0; u < TalkMatrix.Users.Length; u++)
        {
            for (int m = 0; m < TalkMatrix.Movies.Length; m++)
            {
                if (!(hide && u == HiddenUser && m == HiddenMovie))
                {
                    builder.Add(TalkMatrix.Users[u], TalkMatrix.Movies[m], TalkMatrix.Ratings[u, m]);
                }
            }
        }

        return builder.Build();
    }

    private static Matrix<double> ItemFeatures(MatrixFactorizationModel model) =>
        Matrix<double>.Build.Dense(TalkMatrix.Movies.Length, 2, (i, f) => model.ItemFactors.GetRow(IndexOf(model.Items, TalkMatrix.Movies[i]))[f]);

    private static Matrix<double> UserFeatures(MatrixFactorizationModel model) =>
        Matrix<double>.Build.Dense(TalkMatrix.Users.Length, 2, (u, f) => model.UserFactors.GetRow(IndexOf(model.Users, TalkMatrix.Users[u]))[f]);

    private static int IndexOf(IdMap ids, string id) =>
        ids.TryGetIndex(id, out int index) ? index : throw new InvalidOperationException($"'{id}' is missing from the talk's ratings.");

    private static double[,] Reconstruct(MatrixFactorizationModel model)
    {
        double[,] result = new double[TalkMatrix.Users.Length, TalkMatrix.Movies.Length];
        for (int u = 0; u < TalkMatrix.Users.Length; u++)
        {
            for (int m = 0; m < TalkMatrix.Movies.Length; m++)
            {
                result[u, m] = model.Predict(TalkMatrix.Users[u], TalkMatrix.Movies[m]).Value;
            }
        }

        return result;
    }

    private static (double Rmse, double Largest) Errors(double[,] reconstruction)
    {
        double squares = 0, largest = 0;
        foreach ((int u, int m) in Cells())
        {
            double error = Math.Abs(reconstruction[u, m] - TalkMatrix.Ratings[u, m]);
            squares += error * error;
            largest = Math.Max(largest, error);
        }

        return (Math.Sqrt(squares / TalkMatrix.Ratings.Length), largest);
    }

    private static IEnumerable<(int User, int Movie)> Cells() =>
        from u in Enumerable.Range(0, TalkMatrix.Users.Length)
        from m in Enumerable.Range(0, TalkMatrix.Movies.Length)
        select (u, m);
}
