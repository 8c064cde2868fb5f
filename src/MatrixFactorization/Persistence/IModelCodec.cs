using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Writes and reads the payload of one kind of model. Register a codec with
/// <see cref="ModelSerializer.Register"/> and <see cref="ModelSerializer"/> saves and loads that
/// kind like the library's own: the file names the kind, and the codec owns everything after it.
/// </summary>
/// <remarks>Derive from <see cref="ModelCodec{TModel}"/> rather than implementing this directly.</remarks>
public interface IModelCodec
{
    /// <summary>The kind tag written into the file: short, stable and unique, such as <c>"biased-matrix-factorization"</c>.</summary>
    string Kind { get; }

    /// <summary>The model type this codec saves; a model is saved by the codec registered for its exact type.</summary>
    Type ModelType { get; }

    /// <summary>Writes a model's payload.</summary>
    /// <param name="model">A model of <see cref="ModelType"/>.</param>
    /// <param name="writer">Where to write.</param>
    void Write(IScoringModel model, ModelWriter writer);

    /// <summary>Reads a payload written by <see cref="Write"/>.</summary>
    /// <param name="reader">Where to read; throws <see cref="ModelFormatException"/> on damaged data.</param>
    /// <returns>The model.</returns>
    IScoringModel Read(ModelReader reader);
}
