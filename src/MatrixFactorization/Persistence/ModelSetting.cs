using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;

namespace MatrixFactorization.Persistence;

/// <summary>
/// One named training setting stored in a model file: a Boolean, an integer, a number or a string.
/// A model file keeps them as a small typed list, so any trainer's options — the library's or your
/// own — can be stored and read back without the file format knowing them.
/// </summary>
public sealed record ModelSetting
{
    /// <summary>A Boolean setting.</summary>
    /// <param name="name">The setting's name.</param>
    /// <param name="value">Its value.</param>
    public ModelSetting(string name, bool value)
        : this(name, (object)value)
    {
    }

    /// <summary>An integer setting.</summary>
    /// <param name="name">The setting's name.</param>
    /// <param name="value">Its value.</param>
    public ModelSetting(string name, long value)
        : this(name, (object)value)
    {
    }

    /// <summary>A numeric setting.</summary>
    /// <param name="name">The setting's name.</param>
    /// <param name="value">Its value, finite.</param>
    public ModelSetting(string name, double value)
        : this(name, double.IsFinite(value) ? (object)value : throw new ArgumentOutOfRangeException(nameof(value), value, $"The setting '{name}' must be a finite number."))
    {
    }

    /// <summary>A text setting.</summary>
    /// <param name="name">The setting's name.</param>
    /// <param name="value">Its value.</param>
    public ModelSetting(string name, string value)
        : this(name, (object)(value ?? throw new ArgumentNullException(nameof(value))))
    {
    }

    private ModelSetting(string name, object value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Value = value;
    }

    /// <summary>The setting's name, such as <c>FactorRegularization</c>.</summary>
    public string Name { get; }

    /// <summary>The value: a <see cref="bool"/>, <see cref="long"/>, <see cref="double"/> or <see cref="string"/>.</summary>
    public object Value { get; }

    /// <summary>
    /// The public readable properties of an options object as settings, in name order: Booleans as
    /// Booleans, integers as integers (an unsigned one above <see cref="long.MaxValue"/> as text),
    /// floating-point values as numbers (a <see cref="float"/> by its shortest decimal form, so 0.1f
    /// is stored as 0.1), enums and strings as text, sequences as their elements' text joined by
    /// commas, and anything else as its <see cref="object.ToString"/>. Null properties are left out.
    /// </summary>
    /// <typeparam name="T">The options type whose properties are listed.</typeparam>
    /// <param name="options">The options, such as a trainer's options record.</param>
    /// <returns>The settings.</returns>
    public static IReadOnlyList<ModelSetting> FromProperties<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(T options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new List<ModelSetting>();
        foreach (PropertyInfo property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            if (property.GetValue(options) is { } value)
            {
                settings.Add(From(property.Name, value));
            }
        }

        return settings;
    }

    /// <summary>The value as text, numbers in invariant culture.</summary>
    /// <returns>The text.</returns>
    public string FormatValue() => Value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => (string)Value,
    };

    /// <summary>Reads the value as a number when it is one.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Whether the value is an integer or a number.</returns>
    public bool TryGetNumber(out double value)
    {
        (bool ok, value) = Value switch
        {
            double d => (true, d),
            long l => (true, (double)l),
            _ => (false, 0d),
        };
        return ok;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} = {FormatValue()}";

    private static ModelSetting From(string name, object value) => value switch
    {
        bool b => new ModelSetting(name, b),
        float f when float.IsFinite(f) => new ModelSetting(name, double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
        double d when double.IsFinite(d) => new ModelSetting(name, d),
        decimal m => new ModelSetting(name, (double)m),
        ulong u when u > long.MaxValue => new ModelSetting(name, u.ToString(CultureInfo.InvariantCulture)),
        ulong u => new ModelSetting(name, (long)u),
        sbyte or byte or short or ushort or int or uint or long => new ModelSetting(name, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        string s => new ModelSetting(name, s),
        Enum e => new ModelSetting(name, e.ToString()),
        IEnumerable sequence => new ModelSetting(name, string.Join(",", sequence.Cast<object?>().Select(Text))),
        _ => new ModelSetting(name, Text(value)),
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
