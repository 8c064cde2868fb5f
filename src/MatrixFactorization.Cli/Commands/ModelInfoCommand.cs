using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// <c>mf model info PATH</c>: what a model file holds — kind, version, sizes, sections with their
/// checksums, stored training options and summary. Opening verifies every checksum, so a damaged
/// file stops here with one line naming it (exit 3).
/// </summary>
internal static class ModelInfoCommand
{
    public static Command Create(TextWriter output)
    {
        var path = new Argument<string>("path") { Description = "A model file saved by 'mf train --save' or ModelSerializer.Save." };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var info = new Command("info", "Describe a model file: kind, format version, sizes, sections, training options and summary.") { path, json, verbose };
        info.SetAction(parse =>
        {
            string file = parse.GetValue(path)!;
            ModelFile model = ModelSerializer.Open(file);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, w => WriteJson(w, file, model));
            }
            else
            {
                WriteText(output, file, model);
            }

            return ExitCodes.Ok;
        });
        return new Command("model", "Inspect saved model files.") { info };
    }

    /// <summary>How a section's bytes were verified: its own checksum (version 3), the file's (version 2), or not at all (version 1).</summary>
    private static string ChecksumStatus(ModelFile file, ModelFileSection section) =>
        section.Checksum is not null ? "ok" : file.FormatVersion == 2 ? "ok (file checksum)" : "none";

    private static int? Factors(IScoringModel model) => model is IFactorModel f ? f.FactorCount : null;

    private static void WriteJson(Utf8JsonWriter w, string path, ModelFile file)
    {
        w.WriteString("file", path);
        w.WriteNumber("bytes", file.Length);
        w.WriteNumber("formatVersion", file.FormatVersion);
        w.WriteString("kind", file.Kind);
        w.WriteNumber("users", file.Model.Users.Count);
        w.WriteNumber("items", file.Model.Items.Count);
        if (Factors(file.Model) is int k)
        {
            w.WriteNumber("factors", k);
        }
        else
        {
            w.WriteNull("factors");
        }

        WriteOptionalString(w, "libraryVersion", file.LibraryVersion);
        WriteOptionalString(w, "savedAt", file.SavedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        w.WriteStartArray("sections");
        foreach (ModelFileSection section in file.Sections)
        {
            w.WriteStartObject();
            w.WriteString("id", section.Id);
            w.WriteNumber("offset", section.Offset);
            w.WriteNumber("bytes", section.Length);
            WriteOptionalString(w, "checksum", section.Checksum is ulong c ? c.ToString("x16", CultureInfo.InvariantCulture) : null);
            w.WriteString("checksumStatus", ChecksumStatus(file, section));
            w.WriteBoolean("known", section.IsKnown);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("trainingOptions");
        foreach (ModelSetting setting in file.TrainingOptions)
        {
            switch (setting.Value)
            {
                case bool b:
                    w.WriteBoolean(setting.Name, b);
                    break;
                case long l:
                    w.WriteNumber(setting.Name, l);
                    break;
                case double d:
                    w.WriteNumber(setting.Name, d);
                    break;
                default:
                    w.WriteString(setting.Name, (string)setting.Value);
                    break;
            }
        }

        w.WriteEndObject();
        if (file.TrainingSummary is { } s)
        {
            w.WriteStartObject("trainingSummary");
            w.WriteNumber("ratings", s.RatingCount);
            w.WriteNumber("users", s.UserCount);
            w.WriteNumber("items", s.ItemCount);
            w.WriteNumber("epochs", s.EpochsRun);
            WriteOptionalNumber(w, "finalTrainingLoss", s.FinalTrainingLoss);
            WriteOptionalNumber(w, "validationScore", s.ValidationScore);
            WriteOptionalString(w, "validationMetric", s.ValidationMetric);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("trainingSummary");
        }

        if (file.SeenItems is { } seen)
        {
            w.WriteStartObject("seenItems");
            w.WriteNumber("count", seen.Count);
            w.WriteNumber("bytesPerItem", Math.Round(BytesPerSeenItem(file), 4));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("seenItems");
        }
    }

    private static void WriteText(TextWriter o, string path, ModelFile file)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"{path}: {file.Kind}, format version {file.FormatVersion}, {file.Length:N0} bytes"));
        string factors = Factors(file.Model) is int k ? string.Create(c, $", {k} factors") : "";
        o.WriteLine(string.Create(c, $"  {file.Model.Users.Count:N0} users, {file.Model.Items.Count:N0} items{factors}"));
        if (file.SavedAt is { } at)
        {
            o.WriteLine(string.Create(c, $"  saved {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by library {file.LibraryVersion}"));
        }

        o.WriteLine("Sections:");
        foreach (ModelFileSection section in file.Sections)
        {
            string checksum = section.Checksum is ulong sum ? sum.ToString("x16", c) : "-";
            string known = section.IsKnown ? "" : "  (unknown, skipped)";
            o.WriteLine(string.Create(c, $"  {section.Id,-4}  {section.Length,14:N0} bytes at {section.Offset,-12:N0} checksum {checksum} {ChecksumStatus(file, section)}{known}"));
        }

        if (file.SeenItems is { } seen)
        {
            o.WriteLine(string.Create(c, $"Seen items: {seen.Count:N0}, {BytesPerSeenItem(file):F3} bytes each"));
        }

        if (file.TrainingOptions.Count > 0)
        {
            o.WriteLine("Training options:");
            foreach (ModelSetting setting in file.TrainingOptions)
            {
                o.WriteLine($"  {setting.Name} = {setting.FormatValue()}");
            }
        }

        if (file.TrainingSummary is { } s)
        {
            o.WriteLine("Training summary:");
            o.WriteLine(string.Create(c, $"  {s.RatingCount:N0} ratings, {s.UserCount:N0} users, {s.ItemCount:N0} items, {s.EpochsRun} epochs"));
            if (s.FinalTrainingLoss is double loss)
            {
                o.WriteLine(string.Create(c, $"  final training loss {loss:F6}"));
            }

            if (s.ValidationScore is double score)
            {
                o.WriteLine(string.Create(c, $"  {s.ValidationMetric ?? "validation score"} {score:F6}"));
            }
        }
    }

    private static double BytesPerSeenItem(ModelFile file)
    {
        long bytes = file.Sections.FirstOrDefault(s => s.Id == "SEEN")?.Length ?? 0;
        return file.SeenItems is { Count: > 0 } seen ? (double)bytes / seen.Count : 0;
    }

    private static void WriteOptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptionalNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
