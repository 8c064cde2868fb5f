namespace MatrixFactorization.Training;

/// <summary>Phases run in order, each for its number of epochs at its rate; epochs past the last
/// phase keep its rate.</summary>
internal sealed class PhasedSchedule(IReadOnlyList<LearningRatePhase> phases) : ILearningRateSchedule
{
    public float RateAt(int epoch)
    {
        int end = 0;
        foreach (LearningRatePhase phase in phases)
        {
            end += phase.Epochs;
            if (epoch <= end)
            {
                return phase.LearningRate;
            }
        }

        return phases[^1].LearningRate;
    }
}
