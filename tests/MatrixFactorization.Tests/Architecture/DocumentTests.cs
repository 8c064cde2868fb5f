using System.Text.RegularExpressions;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Architecture;

/// <summary>docs/architecture.md shows the layers <see cref="Layering"/> enforces and the dependencies the library has.</summary>
public partial class DocumentTests
{
    private const string Prefix = "MatrixFactorization.";

    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "architecture.md")));

    [Fact]
    public void The_diagram_shows_the_layers_bottom_up_in_order()
    {
        string[] diagram = Lines.Value
            .SkipWhile(line => line != "```mermaid")
            .Skip(1)
            .TakeWhile(line => line != "```")
            .ToArray();

        var nodes = diagram
            .Select(line => LayerNode().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match => Names(match.Groups[2].Value));
        nodes.Keys.Should().BeEquivalentTo(Enumerable.Range(0, Layering.Layers.Count), "the diagram has one node per layer");
        foreach (var (layer, names) in nodes)
        {
            names.Should().BeEquivalentTo(Layering.Layers[layer], "node L{0} shows layer {0}", layer);
        }

        string chain = string.Join(" --> ", ["CLI", .. Enumerable.Range(0, Layering.Layers.Count).Reverse().Select(k => $"L{k}")]);
        diagram.Select(line => line.Trim()).Should().Contain(chain, "the arrows run from the top layer down");
    }

    [Fact]
    public void The_table_lists_every_namespace_with_its_layer_and_what_it_uses()
    {
        var graph = NamespaceGraph.Read(typeof(RatingStore).Assembly.Location);
        var rows = Lines.Value
            .Select(line => TableRow().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => Prefix + match.Groups[2].Value, match => match);

        rows.Keys.Should().BeEquivalentTo(Layering.Namespaces, "the table has one row per namespace");
        foreach (var (ns, row) in rows)
        {
            row.Groups[1].Value.Should().Be(Layering.LayerOf(ns).ToString(System.Globalization.CultureInfo.InvariantCulture), "{0} is in that layer", ns);
            Names(row.Groups[3].Value).Should().BeEquivalentTo(graph.DependenciesOf(ns).Keys, "the uses column of {0} is what it uses today", ns);
        }
    }

    /// <summary>The full namespaces a node label or a table cell names ("Data ⇄ Data.Readers", "Models, Data", "–").</summary>
    private static List<string> Names(string text) =>
        text.Split([" · ", " ⇄ ", ", "], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(name => name != "–")
            .Select(name => Prefix + name)
            .ToList();

    [GeneratedRegex("""^\s*L(\d+)\["([^"]+)"\]\s*$""")]
    private static partial Regex LayerNode();

    [GeneratedRegex(@"^\| (\d+) \| ([A-Za-z.]+) \| .+ \| ([^|]+) \|$")]
    private static partial Regex TableRow();
}
