namespace MovieRecommendations.Talk;

/// <summary>How well the talk's matrix was rebuilt and the hidden rating guessed.</summary>
internal sealed record TalkResult(double ReconstructionRmse, double LargestError, double HiddenGuess, double HiddenTruth);
