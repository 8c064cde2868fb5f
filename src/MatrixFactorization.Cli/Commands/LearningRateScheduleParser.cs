using System.Globalization;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>Reads the <c>epochs:rate</c> phases of <c>--learning-rate-schedule</c>.</summary>
internal static class LearningRateScheduleParser
{
    /// <summary>The phases, in order; their ranges are checked when they are set on <see cref="NeuralOptions.LearningRateSchedule"/>.</summary>
    /// <exception cref="UsageException">A phase is not an integer, a colon and a number.</exception>
    public static LearningRatePhase[] Parse(string[] phases)
    {
        var result = new LearningRatePhase[phases.Length];
        for (int k = 0; k < phases.Length; k++)
        {
            string[] parts = phases[k].Split(':');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int epochs)
                || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float rate))
            {
                throw new UsageException($"--learning-rate-schedule: expected epochs:rate phases such as 5:0.05, got '{phases[k]}'.");
            }

            result[k] = new LearningRatePhase(epochs, rate);
        }

        return result;
    }
}
