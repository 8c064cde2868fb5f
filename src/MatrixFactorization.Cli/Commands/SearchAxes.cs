using System.CommandLine;
using MatrixFactorization.Evaluation;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// Turns comma-separated command-line lists into the axes of a search space: an option left out
/// adds no axis, so the model's default (or base) value holds for every candidate.
/// </summary>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
internal sealed class SearchAxes<TOptions>(ParseResult parse, TOptions baseOptions)
{
    public SearchSpace<TOptions> Space { get; } = new(baseOptions);

    public SearchAxes<TOptions> Ints(Option<string?> option, string name, Func<TOptions, int, TOptions> apply) =>
        Add(name, TrainerSettings.Ints(parse, option), apply);

    public SearchAxes<TOptions> Floats(Option<string?> option, string name, Func<TOptions, float, TOptions> apply) =>
        Add(name, TrainerSettings.Floats(parse, option), apply);

    /// <summary>An axis kept in double precision, for values such as days that a float would round.</summary>
    public SearchAxes<TOptions> Doubles(Option<string?> option, string name, Func<TOptions, double, TOptions> apply) =>
        Add(name, TrainerSettings.Doubles(parse, option), apply);

    private SearchAxes<TOptions> Add<T>(string name, T[] values, Func<TOptions, T, TOptions> apply)
    {
        if (values.Length > 0)
        {
            Space.Add(name, values, apply);
        }

        return this;
    }
}
