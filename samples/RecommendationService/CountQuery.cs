using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RecommendationService;

/// <summary>The <c>count</c> query parameter: how many items a list holds.</summary>
internal static class CountQuery
{
    public const int Default = 10;

    public static bool TryParse(string? raw, int maximum, out int count, [NotNullWhen(false)] out IResult? problem)
    {
        problem = null;
        if (raw is null)
        {
            count = Default;
            return true;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= 1 && count <= maximum)
        {
            return true;
        }

        problem = Results.ValidationProblem(new Dictionary<string, string[]>
        {
            ["count"] = [$"count must be a whole number from 1 to {maximum}; got '{raw}'."],
        });
        return false;
    }
}
