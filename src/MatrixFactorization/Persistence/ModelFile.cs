using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>An opened model file: the model and everything stored beside it (see <see cref="ModelSerializer.Open(string)"/>).</summary>
public sealed class ModelFile
{
    internal ModelFile(IScoringModel model, int formatVersion, string kind, long length, IReadOnlyList<ModelFileSection> sections)
    {
        Model = model;
        FormatVersion = formatVersion;
        Kind = kind;
        Length = length;
        Sections = sections;
    }

    /// <summary>The model.</summary>
    public IScoringModel Model { get; }

    /// <summary>The file's format version: 1, 2 or 3.</summary>
    public int FormatVersion { get; }

    /// <summary>The model's kind tag, such as <c>biased-matrix-factorization</c>.</summary>
    public string Kind { get; }

    /// <summary>The file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>The sections, in file order; a version 1 or 2 file has one, the model.</summary>
    public IReadOnlyList<ModelFileSection> Sections { get; }

    /// <summary>The options the model was trained with; empty when the file stores none.</summary>
    public IReadOnlyList<ModelSetting> TrainingOptions { get; internal init; } = [];

    /// <summary>What the training saw and reached; null when the file stores none.</summary>
    public TrainingSummary? TrainingSummary { get; internal init; }

    /// <summary>Each user's training items in the model's dense indices; null when the file stores none.</summary>
    public SeenItems? SeenItems { get; internal init; }

    /// <summary>The version of the library that saved the file; null for files of versions 1 and 2.</summary>
    public string? LibraryVersion { get; internal init; }

    /// <summary>When the file was saved, in UTC; null for files of versions 1 and 2.</summary>
    public DateTimeOffset? SavedAt { get; internal init; }

    /// <summary>The first stored training option of this name, or null.</summary>
    /// <param name="name">The option's name, such as <c>FactorRegularization</c>.</param>
    /// <returns>The setting, or null.</returns>
    public ModelSetting? FindTrainingOption(string name) => TrainingOptions.FirstOrDefault(s => s.Name == name);
}
