namespace MatrixFactorization.Data;

/// <summary>
/// A training or test set with nothing in it where something is needed: a trainer given no
/// ratings (or none that count as interactions), or an evaluation with no test rating or no test
/// user to score. The message says which set was empty and how to fix it. It is an
/// <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> names the
/// empty argument.
/// </summary>
public sealed class EmptyDataException : ArgumentException
{
    /// <summary>Creates the exception for an empty argument.</summary>
    /// <param name="message">What was empty and how to fix it.</param>
    /// <param name="paramName">The argument that was empty.</param>
    public EmptyDataException(string message, string? paramName)
        : base(message, paramName)
    {
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public EmptyDataException()
        : base("The data is empty.")
    {
    }

    /// <summary>Creates the exception with a plain message.</summary>
    /// <param name="message">What was empty and how to fix it.</param>
    public EmptyDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a plain message and a cause.</summary>
    /// <param name="message">What was empty and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public EmptyDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Throws when a training store has no ratings.</summary>
    /// <param name="train">The training store.</param>
    /// <param name="paramName">Its argument's name.</param>
    internal static void ThrowIfNoTrainingRatings(RatingStore train, string paramName)
    {
        if (train.Count == 0)
        {
            throw new EmptyDataException(
                "The training set has no ratings, so there is nothing to fit. Train on a store with at least one rating: check that the file's ratings were read (skipped lines, a format or column mismatch) and that no filter or split removed them all.",
                paramName);
        }
    }

    /// <summary>Throws when a test store has no ratings.</summary>
    /// <param name="test">The test store.</param>
    /// <param name="paramName">Its argument's name.</param>
    internal static void ThrowIfNoTestRatings(RatingStore test, string paramName)
    {
        if (test.Count == 0)
        {
            throw new EmptyDataException(
                "The test set has no ratings, so there is nothing to score and no metric is defined. Evaluate on a store with at least one held-out rating: check that the test file was read, or give the split a larger test fraction.",
                paramName);
        }
    }
}
