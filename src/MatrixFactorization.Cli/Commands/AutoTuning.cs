using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// <c>mf train --auto</c>: the automatic search on a sample of the training data before the full
/// run, shown trial by trial on the error stream, and what it chose for the command's output.
/// </summary>
internal static class AutoTuning
{
    /// <summary>The epoch cap of an SGD search when <c>--epochs</c> is not given.</summary>
    public const int SgdEpochCap = 20;

    public static Summary Biased(RatingStore train, BiasedMatrixFactorizationOptions start, ulong seed, CommandProgress work)
    {
        long begin = Stopwatch.GetTimestamp();
        var tuner = new AutoTuner(new AutoTuneOptions { Seed = seed });
        AutoTuneResult<BiasedMatrixFactorizationOptions> result = tuner.TuneBiased(train, start, Shown(work, tuner));
        return new Summary(result.Chosen, Describe(result.Chosen), result.Best, result.Trials, result.SampleUsers, result.FitRatings, result.ValidationRatings, Stopwatch.GetElapsedTime(begin).TotalSeconds);
    }

    public static Summary ExplicitAls(RatingStore train, ExplicitAlsOptions start, ulong seed, CommandProgress work)
    {
        long begin = Stopwatch.GetTimestamp();
        var tuner = new AutoTuner(new AutoTuneOptions { Seed = seed });
        AutoTuneResult<ExplicitAlsOptions> result = tuner.TuneExplicitAls(train, start, Shown(work, tuner));
        return new Summary(result.Chosen, Describe(result.Chosen), result.Best, result.Trials, result.SampleUsers, result.FitRatings, result.ValidationRatings, Stopwatch.GetElapsedTime(begin).TotalSeconds);
    }

    /// <summary>The searched settings of a trial, as the output prints them.</summary>
    public static string Describe(TrainerOptions options) => options switch
    {
        ExplicitAlsOptions a => string.Create(
            CultureInfo.InvariantCulture, $"λ {a.Regularization:G4}, λ_b {a.BiasRegularization:G4}, {(a.WeightedRegularization ? "weighted" : "unweighted")}"),
        SgdOptions s => string.Create(
            CultureInfo.InvariantCulture, $"η {s.LearningRate:G4}, λ {s.FactorRegularization:G4}"),
        _ => options.ToString(),
    };

    private static IProgress<AutoTuneTrial>? Shown(CommandProgress work, AutoTuner tuner) =>
        work.Begin("auto", 2 * tuner.Options.MaxTrialsPerSearch) is ProgressBar bar ? new TrialBar(bar) : null;

    /// <summary>What the search chose and tried, and what it cost.</summary>
    internal sealed record Summary(
        TrainerOptions Chosen,
        string ChosenDescription,
        AutoTuneTrial Best,
        IReadOnlyList<AutoTuneTrial> Trials,
        int SampleUsers,
        int FitRatings,
        int ValidationRatings,
        double Seconds)
    {
        public void WriteJson(Utf8JsonWriter w)
        {
            w.WriteStartObject("auto");
            w.WriteNumber("sampleUsers", SampleUsers);
            w.WriteNumber("fitRatings", FitRatings);
            w.WriteNumber("validationRatings", ValidationRatings);
            w.WriteNumber("seconds", Math.Round(Seconds, 4));
            w.WriteStartObject("chosen");
            WriteSettings(w, Chosen);
            w.WriteNumber("epochs", Chosen.Epochs);
            w.WriteNumber("validationRmse", Math.Round(Best.ValidationRmse, 6));
            w.WriteEndObject();
            w.WriteStartArray("trials");
            foreach (AutoTuneTrial t in Trials)
            {
                w.WriteStartObject();
                WriteSettings(w, t.Options);
                if (double.IsFinite(t.ValidationRmse))
                {
                    w.WriteNumber("validationRmse", Math.Round(t.ValidationRmse, 6));
                }
                else
                {
                    w.WriteNull("validationRmse");
                }

                w.WriteNumber("bestEpoch", t.BestEpoch);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        public void WriteText(TextWriter o)
        {
            CultureInfo c = CultureInfo.InvariantCulture;
            o.WriteLine(string.Create(c, $"Auto: {Trials.Count} trials on {FitRatings:N0} ratings of {SampleUsers:N0} users, scored on {ValidationRatings:N0}, in {Seconds:F1} s"));
            o.WriteLine(string.Create(c, $"  chose {ChosenDescription}, {Chosen.Epochs} epochs (validation RMSE {Best.ValidationRmse:F4})"));
        }

        private static void WriteSettings(Utf8JsonWriter w, TrainerOptions options)
        {
            switch (options)
            {
                case ExplicitAlsOptions a:
                    w.WriteNumber("regularization", a.Regularization);
                    w.WriteNumber("biasRegularization", a.BiasRegularization);
                    w.WriteBoolean("weightedRegularization", a.WeightedRegularization);
                    break;
                case BiasedMatrixFactorizationOptions s:
                    w.WriteNumber("learningRate", s.LearningRate);
                    w.WriteNumber("regularization", s.FactorRegularization);
                    w.WriteNumber("biasRegularization", s.BiasRegularization);
                    break;
            }
        }
    }

    /// <summary>Each trial as it ends on the search's bar, with the best so far.</summary>
    private sealed class TrialBar(ProgressBar bar) : IProgress<AutoTuneTrial>
    {
        private int _done;
        private AutoTuneTrial? _best;

        public void Report(AutoTuneTrial value)
        {
            _done++;
            if (_best is null || value.ValidationRmse < _best.ValidationRmse)
            {
                _best = value;
            }

            bar.Update(_done, string.Create(
                CultureInfo.InvariantCulture,
                $"trial {_done}: {Describe(value.Options)} → {value.ValidationRmse:F4} @ {value.BestEpoch}; best {Describe(_best.Options)} {_best.ValidationRmse:F4}"));
        }
    }
}
