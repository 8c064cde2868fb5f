namespace MatrixFactorization.Evaluation;

/// <summary>
/// The axes of a hyperparameter search over a trainer's options: each axis has a name and either a
/// list of values (grid or random search) or a log-uniform range (random search only), and a
/// function that applies a value to the options, typically a <c>with</c> expression. It knows no
/// trainer: any options type works, and <see cref="HyperparameterSearch.Run{TOptions}"/> takes the
/// function that trains a model with the options.
/// </summary>
/// <typeparam name="TOptions">The trainer's options type, usually a record.</typeparam>
/// <param name="baseOptions">The options every candidate starts from.</param>
public sealed class SearchSpace<TOptions>(TOptions baseOptions)
{
    private readonly List<Axis> _axes = [];

    /// <summary>The options every candidate starts from.</summary>
    public TOptions BaseOptions { get; } = baseOptions;

    /// <summary>Adds an axis of discrete values.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The axis name, as reported in results.</param>
    /// <param name="values">The values, at least one.</param>
    /// <param name="apply">Returns the options with the value set.</param>
    /// <returns>This space, for chaining.</returns>
    public SearchSpace<TOptions> Add<T>(string name, IReadOnlyList<T> values, Func<TOptions, T, TOptions> apply)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(apply);
        if (values.Count == 0)
        {
            throw new ArgumentException("An axis needs at least one value.", nameof(values));
        }

        _axes.Add(new Axis(
            name,
            values.Count,
            (options, k) => (apply(options, values[k]), values[k]),
            null));
        return this;
    }

    /// <summary>Adds a continuous axis sampled log-uniformly in [min, max] (random search only).</summary>
    /// <param name="name">The axis name.</param>
    /// <param name="min">The smallest value, positive.</param>
    /// <param name="max">The largest value, at least <paramref name="min"/>.</param>
    /// <param name="apply">Returns the options with the value set.</param>
    /// <returns>This space, for chaining.</returns>
    public SearchSpace<TOptions> AddLogUniform(string name, double min, double max, Func<TOptions, double, TOptions> apply)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(apply);
        if (!(min > 0) || !(max >= min) || !double.IsFinite(max))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"Need 0 < min ≤ max, finite; got [{min}, {max}].");
        }

        _axes.Add(new Axis(name, 0, null, (options, u) =>
        {
            double value = Math.Exp(Math.Log(min) + (u * (Math.Log(max) - Math.Log(min))));
            return (apply(options, value), value);
        }));
        return this;
    }

    /// <summary>Every combination of the discrete axes, the last axis varying fastest.</summary>
    /// <returns>The candidates.</returns>
    /// <exception cref="InvalidOperationException">An axis is continuous.</exception>
    public IReadOnlyList<SearchCandidate<TOptions>> Grid()
    {
        if (_axes.Any(a => a.Pick is null))
        {
            throw new InvalidOperationException("A grid needs discrete axes; sample continuous ones with Random.");
        }

        var candidates = new List<SearchCandidate<TOptions>>();
        long total = _axes.Aggregate(1L, (n, a) => n * a.Count);
        for (long combination = 0; combination < total; combination++)
        {
            var indices = new int[_axes.Count];
            long rest = combination;
            for (int a = _axes.Count - 1; a >= 0; a--)
            {
                indices[a] = (int)(rest % _axes[a].Count);
                rest /= _axes[a].Count;
            }

            candidates.Add(Build(indices, null));
        }

        return candidates;
    }

    /// <summary>
    /// <paramref name="count"/> candidates drawn independently: a uniformly chosen value on each
    /// discrete axis, a log-uniform one on each continuous axis. The same seed gives the same list.
    /// </summary>
    /// <param name="count">How many candidates.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The candidates.</returns>
    public IReadOnlyList<SearchCandidate<TOptions>> Random(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        // System.Random with a seed is the same sequence on every machine and .NET version.
        var random = new Random(seed);
        var candidates = new List<SearchCandidate<TOptions>>();
        for (int c = 0; c < count; c++)
        {
            double[] draws = _axes.Select(_ => random.NextDouble()).ToArray();
            candidates.Add(Build(null, draws));
        }

        return candidates;
    }

    // A candidate from either one value index per axis (grid) or one uniform draw per axis (random).
    private SearchCandidate<TOptions> Build(int[]? indices, double[]? draws)
    {
        TOptions options = BaseOptions;
        var settings = new List<KeyValuePair<string, object?>>();
        for (int a = 0; a < _axes.Count; a++)
        {
            Axis axis = _axes[a];
            (TOptions next, object? value) = indices is not null
                ? axis.Pick!(options, indices[a])
                : axis.Pick is not null
                    ? axis.Pick(options, Math.Min((int)(draws![a] * axis.Count), axis.Count - 1))
                    : axis.Sample!(options, draws![a]);
            options = next;
            settings.Add(new(axis.Name, value));
        }

        return new SearchCandidate<TOptions>(options, settings);
    }

    private sealed record Axis(string Name, int Count, Func<TOptions, int, (TOptions, object?)>? Pick, Func<TOptions, double, (TOptions, object?)>? Sample);
}
