namespace MatrixFactorization.Persistence;

/// <summary>
/// The <c>TRNG</c> section: who saved the file and when, the trainer's options as typed settings,
/// and the training summary.
/// </summary>
internal static class TrainingSection
{
    private const byte BooleanTag = 0, IntegerTag = 1, NumberTag = 2, TextTag = 3;

    // DateTimeOffset's range in Unix milliseconds.
    private const long MinUnixMilliseconds = -62_135_596_800_000, MaxUnixMilliseconds = 253_402_300_799_999;

    public static void Write(SectionWriter w, ModelFileContents contents, string libraryVersion, DateTimeOffset savedAt)
    {
        w.Write(libraryVersion);
        w.Write(savedAt.ToUnixTimeMilliseconds());
        w.WriteVarUInt32((uint)contents.TrainingOptions.Count);
        foreach (ModelSetting setting in contents.TrainingOptions)
        {
            w.Write(setting.Name);
            switch (setting.Value)
            {
                case bool b:
                    w.WriteByte(BooleanTag);
                    w.Write(b);
                    break;
                case long l:
                    w.WriteByte(IntegerTag);
                    w.Write(l);
                    break;
                case double d:
                    w.WriteByte(NumberTag);
                    w.Write(d);
                    break;
                default:
                    w.WriteByte(TextTag);
                    w.Write((string)setting.Value);
                    break;
            }
        }

        TrainingSummary? summary = contents.TrainingSummary;
        w.Write(summary is not null);
        if (summary is not null)
        {
            w.Write(summary.RatingCount);
            w.Write(summary.UserCount);
            w.Write(summary.ItemCount);
            w.Write(summary.EpochsRun);
            w.Write(summary.FinalTrainingLoss.HasValue);
            w.Write(summary.FinalTrainingLoss ?? 0);
            w.Write(summary.ValidationScore.HasValue);
            w.Write(summary.ValidationScore ?? 0);
            w.Write(summary.ValidationMetric ?? "");
        }
    }

    public static (string LibraryVersion, DateTimeOffset SavedAt, ModelSetting[] Options, TrainingSummary? Summary) Read(SectionReader r)
    {
        string version = r.ReadString();
        long milliseconds = r.ReadInt64();
        if (milliseconds is < MinUnixMilliseconds or > MaxUnixMilliseconds)
        {
            throw r.Corrupt($"the save time {milliseconds} ms is not a date");
        }

        // A setting takes at least a name of one byte, its length, its tag and one byte of value.
        var options = new ModelSetting[r.ReadCount(4, "settings")];
        for (int k = 0; k < options.Length; k++)
        {
            string name = r.ReadString();
            if (string.IsNullOrWhiteSpace(name))
            {
                throw r.Corrupt($"setting {k} has no name");
            }

            options[k] = r.ReadByte() switch
            {
                BooleanTag => new ModelSetting(name, r.ReadBoolean()),
                IntegerTag => new ModelSetting(name, r.ReadInt64()),
                NumberTag => new ModelSetting(name, r.ReadFiniteDouble($"the setting '{name}'")),
                TextTag => new ModelSetting(name, r.ReadString()),
                byte tag => throw r.Corrupt($"the setting '{name}' has the unknown value type {tag}"),
            };
        }

        TrainingSummary? summary = null;
        if (r.ReadBoolean())
        {
            long ratings = r.ReadInt64();
            int users = r.ReadInt32(), items = r.ReadInt32(), epochs = r.ReadInt32();
            if (ratings < 0 || users < 0 || items < 0 || epochs < 0)
            {
                throw r.Corrupt($"the summary has a negative count ({ratings} ratings, {users} users, {items} items, {epochs} epochs)");
            }

            bool hasLoss = r.ReadBoolean();
            double loss = r.ReadFiniteDouble("the final training loss");
            bool hasScore = r.ReadBoolean();
            double score = r.ReadFiniteDouble("the validation score");
            string metric = r.ReadString();
            summary = new TrainingSummary(ratings, users, items, epochs)
            {
                FinalTrainingLoss = hasLoss ? loss : null,
                ValidationScore = hasScore ? score : null,
                ValidationMetric = metric.Length == 0 ? null : metric,
            };
        }

        r.ExpectEnd();
        return (version, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), options, summary);
    }
}
