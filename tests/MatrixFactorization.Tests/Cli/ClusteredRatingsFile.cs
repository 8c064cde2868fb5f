using System.Globalization;
using System.Text;

namespace MatrixFactorization.Tests.Cli;

/// <summary>
/// A tiny ratings file with a plain answer: three groups of 30 users, each group rating most of its
/// own 15 items 4 or 5 and a few items of the other groups 1 or 2. Item ids tell the group
/// (group g owns ids 100·g + 1 … 100·g + 15), so a test can judge a list without a model of its own.
/// </summary>
public sealed class ClusteredRatingsFile : IDisposable
{
    public const int Groups = 3;
    public const int ItemsPerGroup = 15;

    public ClusteredRatingsFile()
    {
        var random = new Random(7);
        var text = new StringBuilder("userId,movieId,rating,timestamp\n");
        int timestamp = 1_000_000;
        for (int user = 1; user <= 90; user++)
        {
            int group = user % Groups;
            int[] own = [.. Enumerable.Range(1, ItemsPerGroup).OrderBy(_ => random.Next())];
            foreach (int item in own.Take(10))
            {
                text.Append(CultureInfo.InvariantCulture, $"{user},{Item(group, item)},{4 + random.Next(2)},{timestamp++}\n");
            }

            int[] others = [.. Enumerable.Range(0, Groups).Where(g => g != group)];
            foreach (int item in Enumerable.Range(1, ItemsPerGroup).OrderBy(_ => random.Next()).Take(3))
            {
                text.Append(CultureInfo.InvariantCulture, $"{user},{Item(others[random.Next(others.Length)], item)},{1 + random.Next(2)},{timestamp++}\n");
            }
        }

        File.WriteAllText(Path, text.ToString());
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mf-clustered-{Guid.NewGuid():N}.csv");

    public static int Item(int group, int number) => (100 * group) + number;

    public static int GroupOf(string itemId) => int.Parse(itemId, CultureInfo.InvariantCulture) / 100;

    public void Dispose() => File.Delete(Path);
}
