using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Synthetic;

namespace MatrixFactorization.Benchmarks.Synthetic;

/// <summary>
/// The lowest test RMSE any model can expect on a split of a planted data set, given how many
/// ratings each user has: <c>planted-bound TRAIN TEST --users … --items … --ratings … --rank … --seed …</c>.
/// </summary>
/// <remarks>
/// The generator draws every parameter from a Gaussian prior and adds Gaussian noise, so with the
/// items' planted factors and biases handed over, the best prediction of a held-out rating is the
/// posterior mean of the user's bias and factors: a ridge solve with penalties σ²/τ² from the
/// generator's own variances. Knowing more can only lower the expected squared error of the best
/// predictor, so no model trained on the ratings alone can expect to beat this score. The same
/// with the users known, and the two errors added as if independent, give the other side's share
/// and an estimate of what estimating both costs.
/// </remarks>
internal static class PlantedBound
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: planted-bound TRAIN TEST --users U --items I --ratings R --rank K [--seed S] [--noise SD]");
            return 2;
        }

        var options = new SyntheticOptions
        {
            Users = int.Parse(CommandOptions.Value(args, "--users"), CultureInfo.InvariantCulture),
            Items = int.Parse(CommandOptions.Value(args, "--items"), CultureInfo.InvariantCulture),
            Ratings = long.Parse(CommandOptions.Value(args, "--ratings"), CultureInfo.InvariantCulture),
            Rank = int.Parse(CommandOptions.Value(args, "--rank"), CultureInfo.InvariantCulture),
            Seed = ulong.Parse(CommandOptions.Value(args, "--seed", "1"), CultureInfo.InvariantCulture),
            NoiseSd = double.Parse(CommandOptions.Value(args, "--noise", "0.5"), CultureInfo.InvariantCulture),
        };
        PlantedModel planted = new SyntheticRatingGenerator(options).Model;
        RatingStore train = RatingSnapshotOrText(args[0]);
        RatingStore test = RatingSnapshotOrText(args[1]);

        double[] users = Posterior(options, planted, train, usersSide: true);
        double[] items = Posterior(options, planted, train, usersSide: false);
        Score score = Evaluate(options, planted, test, users, items);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"test ratings {score.Count:N0}: planted model {score.Planted:F4} (noise floor), items known {score.ItemsKnown:F4}, users known {score.UsersKnown:F4}, both estimated (errors added) {score.Both:F4}"));
        return 0;
    }

    private static RatingStore RatingSnapshotOrText(string path) =>
        RatingSnapshot.IsSnapshot(path) ? RatingSnapshot.Read(path).Store : RatingReader.Read(path, new RatingReadOptions { Format = RatingFormat.Libmf }).Store;

    /// <summary>Each row's posterior mean of (bias, factors) with the other side planted; NaN for rows without ratings.</summary>
    private static double[] Posterior(SyntheticOptions options, PlantedModel planted, RatingStore train, bool usersSide)
    {
        int rank = planted.Rank, width = rank + 1;
        int rows = usersSide ? planted.UserCount : planted.ItemCount;
        var result = new double[(long)rows * width];
        Array.Fill(result, double.NaN);
        int[] userOf = PlantedIndices(train.Users), itemOf = PlantedIndices(train.Items);
        int[] offsets = usersSide ? train.UserOffsets.ToArray() : train.ByItem.ItemOffsets.ToArray();
        int[] others = usersSide ? train.ItemIndices.ToArray() : train.ByItem.UserIndices.ToArray();
        int[]? positions = usersSide ? null : train.ByItem.Positions.ToArray();
        float[] values = train.Values.ToArray();
        float[] fixedFactors = (usersSide ? planted.ItemFactors : planted.UserFactors).ToArray();
        float[] fixedBiases = (usersSide ? planted.ItemBiases : planted.UserBiases).ToArray();
        double noise = options.NoiseSd * options.NoiseSd;
        double biasSd = usersSide ? options.UserBiasSd : options.ItemBiasSd;

        Parallel.For(0, offsets.Length - 1, row =>
        {
            if (offsets[row] == offsets[row + 1])
            {
                return;
            }

            Matrix<double> gram = Matrix<double>.Build.Dense(width, width);
            Vector<double> right = Vector<double>.Build.Dense(width);
            gram[0, 0] = noise / (biasSd * biasSd);
            for (int f = 1; f < width; f++)
            {
                gram[f, f] = noise / (options.FactorSd * options.FactorSd);
            }

            var x = new double[width];
            for (int k = offsets[row]; k < offsets[row + 1]; k++)
            {
                int other = usersSide ? itemOf[others[k]] : userOf[others[k]];
                double y = values[positions is null ? k : positions[k]] - options.GlobalMean - fixedBiases[other];
                x[0] = 1;
                for (int f = 0; f < rank; f++)
                {
                    x[f + 1] = fixedFactors[((long)other * rank) + f];
                }

                for (int a = 0; a < width; a++)
                {
                    right[a] += x[a] * y;
                    for (int b = 0; b < width; b++)
                    {
                        gram[a, b] += x[a] * x[b];
                    }
                }
            }

            Vector<double> mean = gram.Cholesky().Solve(right);
            int target = usersSide ? userOf[row] : itemOf[row];
            mean.AsArray().CopyTo(result, (long)target * width);
        });
        return result;
    }

    private static Score Evaluate(SyntheticOptions options, PlantedModel planted, RatingStore test, double[] users, double[] items)
    {
        int rank = planted.Rank, width = rank + 1;
        int[] userOf = PlantedIndices(test.Users), itemOf = PlantedIndices(test.Items);
        ReadOnlySpan<int> offsets = test.UserOffsets;
        ReadOnlySpan<int> testItems = test.ItemIndices;
        ReadOnlySpan<float> values = test.Values;
        double planted2 = 0, itemsKnown2 = 0, usersKnown2 = 0, both2 = 0;
        for (int row = 0; row < test.UserCount; row++)
        {
            int u = userOf[row];
            for (int k = offsets[row]; k < offsets[row + 1]; k++)
            {
                int i = itemOf[testItems[k]];
                double truth = planted.Predict(u, i);
                double itemsKnown = options.GlobalMean + planted.ItemBiases[i] + Part(users, u, planted.GetItemFactors(i), width);
                double usersKnown = options.GlobalMean + planted.UserBiases[u] + Part(items, i, planted.GetUserFactors(u), width);
                double both = truth + (itemsKnown - truth) + (usersKnown - truth);
                double y = values[k];
                planted2 += (y - truth) * (y - truth);
                itemsKnown2 += (y - itemsKnown) * (y - itemsKnown);
                usersKnown2 += (y - usersKnown) * (y - usersKnown);
                both2 += (y - both) * (y - both);
            }
        }

        double n = test.Count;
        return new Score(test.Count, Math.Sqrt(planted2 / n), Math.Sqrt(itemsKnown2 / n), Math.Sqrt(usersKnown2 / n), Math.Sqrt(both2 / n));
    }

    /// <summary>Bias plus dot product of an estimated row with a planted vector; the prior mean 0 when the row had no ratings.</summary>
    private static double Part(double[] estimates, int row, ReadOnlySpan<float> planted, int width)
    {
        long at = (long)row * width;
        if (double.IsNaN(estimates[at]))
        {
            return 0;
        }

        double sum = estimates[at];
        for (int f = 0; f < planted.Length; f++)
        {
            sum += estimates[at + 1 + f] * planted[f];
        }

        return sum;
    }

    /// <summary>The generator writes each user and item as its planted index, so a store's ids are those indices.</summary>
    private static int[] PlantedIndices(IdMap ids)
    {
        var result = new int[ids.Count];
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = checked((int)ids.GetInt64Id(k));
        }

        return result;
    }

    private readonly record struct Score(int Count, double Planted, double ItemsKnown, double UsersKnown, double Both);
}
