namespace MatrixFactorization.Tests.Fuzz;

/// <summary>What a run of one target saw: inputs read, accepted, refused with a documented error, and findings.</summary>
internal sealed class FuzzSummary(string target, int seed)
{
    public string Target { get; } = target;

    public int Seed { get; } = seed;

    public long Inputs { get; set; }

    public long Accepted { get; set; }

    public long Refused { get; set; }

    public long FindingCount { get; set; }

    public List<FuzzFinding> Findings { get; } = [];

    /// <summary>The most bytes one read allocated, and the size of that input.</summary>
    public long LargestAllocation { get; set; }

    public long LargestAllocationInputSize { get; set; }

    /// <summary>The largest allocation per input byte.</summary>
    public double LargestRatio { get; set; }

    public TimeSpan Elapsed { get; set; }

    public override string ToString() =>
        $"{Target,-9} seed {Seed}: {Inputs} inputs in {Elapsed.TotalSeconds:0.0} s ({Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9):0}/s), "
        + $"{Accepted} accepted, {Refused} refused, {FindingCount} findings; largest allocation {LargestAllocation} bytes "
        + $"(input of {LargestAllocationInputSize} bytes), largest {LargestRatio:0.0} bytes per input byte";
}
