namespace MatrixFactorization.Data.Readers;

/// <summary>The errors of <see cref="CheckedGzipStream"/>'s own checks: an
/// <see cref="InvalidDataException"/>, as the inflater's are, so that the readers handle both
/// in one place, but marked, because their messages already say what is wrong in a form fit for
/// a <see cref="RatingDataException"/>, where the inflater's are terse.</summary>
internal static class GzipCheck
{
    private const string Marker = "MatrixFactorization.GzipCheck";

    /// <summary>The error for a problem found by the checks.</summary>
    public static InvalidDataException Fail(string problem)
    {
        var e = new InvalidDataException(problem);
        e.Data[Marker] = true;
        return e;
    }

    /// <summary>Whether the error came from the checks.</summary>
    public static bool IsCheck(InvalidDataException e) => e.Data.Contains(Marker);
}
