namespace MatrixFactorization.Training;

/// <summary>
/// Minimizes a score over one positive setting on a geometric grid: from a start value it steps by
/// a factor toward the side that improves until the score rises (or the budget ends), then tries
/// the two points half a step either side of the best. Validation error against a regularization
/// is close to unimodal in its logarithm, so this finds the best grid point in a few trials.
/// </summary>
internal static class LogLineSearch
{
    /// <summary>The value with the lowest score among those tried; ties go to the first tried.</summary>
    /// <param name="start">The first value tried.</param>
    /// <param name="factor">The step between grid points, &gt; 1.</param>
    /// <param name="budget">The most values scored, at least 3.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="score">Scores a value, lower is better.</param>
    public static double Minimize(double start, double factor, int budget, double min, double max, Func<double, double> score)
    {
        var tried = new List<(double Value, double Score)>();
        double Try(double value)
        {
            value = Math.Clamp(value, min, max);
            foreach ((double v, double s) in tried)
            {
                if (v == value)
                {
                    return s;
                }
            }

            double result = score(value);
            tried.Add((value, result));
            return result;
        }

        double best = Math.Clamp(start, min, max);
        double bestScore = Try(best);
        double direction = 1 / factor;
        double up = Try(best * factor);
        if (up < bestScore)
        {
            (best, bestScore, direction) = (Math.Clamp(best * factor, min, max), up, factor);
        }

        while (tried.Count < budget - 2)
        {
            double next = Math.Clamp(best * direction, min, max);
            if (next == best)
            {
                break;
            }

            double s = Try(next);
            if (!(s < bestScore))
            {
                break;
            }

            (best, bestScore) = (next, s);
        }

        double halfStep = Math.Sqrt(factor);
        foreach (double candidate in (double[])[best * halfStep, best / halfStep])
        {
            if (tried.Count < budget)
            {
                Try(candidate);
            }
        }

        (double Value, double Score) chosen = tried[0];
        foreach ((double v, double s) in tried)
        {
            if (s < chosen.Score)
            {
                chosen = (v, s);
            }
        }

        return chosen.Value;
    }
}
