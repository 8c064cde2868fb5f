using System.Text.Json;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>The epochs of a training run as a JSON array, one object per epoch, numbers as numbers.</summary>
internal static class EpochHistory
{
    public static void Write(Utf8JsonWriter w, IReadOnlyList<EpochReport> epochs)
    {
        w.WriteStartArray("history");
        foreach (EpochReport e in epochs)
        {
            w.WriteStartObject();
            w.WriteNumber("epoch", e.Epoch);
            Number(w, "trainingLoss", e.TrainingLoss);
            if (e.ValidationScore is double score)
            {
                w.WriteString("validationMetric", CrossValidateCommand.Name(e.ValidationMetric));
                Number(w, "validationScore", score);
            }

            w.WriteNumber("learningRate", e.LearningRate);
            w.WriteNumber("seconds", Math.Round(e.Elapsed.TotalSeconds, 6));
            w.WriteNumber("updatesPerSecond", Math.Round(e.UpdatesPerSecond));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    // JSON has no NaN or infinity: a loss that is not a number is written as null, not dropped.
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, Math.Round(value, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
