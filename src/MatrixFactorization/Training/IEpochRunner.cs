namespace MatrixFactorization.Training;

/// <summary>One model's way of training an epoch, whatever its update rule; the epoch loop runs it.</summary>
internal interface IEpochRunner : IDisposable
{
    /// <summary>Trains one epoch and returns the sum of the squared training errors it saw.</summary>
    /// <param name="epoch">The 1-based epoch, which seeds the epoch's random order.</param>
    /// <param name="learningRate">The epoch's learning rate.</param>
    /// <param name="cancellation">Checked between units of work; a cancelled epoch throws.</param>
    double RunEpoch(int epoch, float learningRate, CancellationToken cancellation);
}
