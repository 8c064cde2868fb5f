using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>The typed base of an <see cref="IModelCodec"/>.</summary>
/// <typeparam name="TModel">The model type the codec saves and loads.</typeparam>
public abstract class ModelCodec<TModel> : IModelCodec
    where TModel : class, IScoringModel
{
    /// <inheritdoc/>
    public abstract string Kind { get; }

    /// <inheritdoc/>
    public Type ModelType => typeof(TModel);

    /// <summary>Writes a model's payload.</summary>
    /// <param name="model">The model.</param>
    /// <param name="writer">Where to write.</param>
    public abstract void Write(TModel model, ModelWriter writer);

    /// <summary>Reads a payload written by <see cref="Write(TModel, ModelWriter)"/>.</summary>
    /// <param name="reader">Where to read.</param>
    /// <returns>The model.</returns>
    public abstract TModel Read(ModelReader reader);

    /// <inheritdoc/>
    void IModelCodec.Write(IScoringModel model, ModelWriter writer) =>
        Write(model as TModel ?? throw new ArgumentException($"The {Kind} codec saves a {typeof(TModel).Name}, not a {model.GetType().Name}.", nameof(model)), writer);

    /// <inheritdoc/>
    IScoringModel IModelCodec.Read(ModelReader reader) => Read(reader);
}
