using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Architecture;

/// <summary>
/// The library's namespaces keep to the layers of <see cref="Layering"/>, measured on the
/// compiled assembly (see <see cref="NamespaceGraph"/>), so a dependency cannot hide in a fully
/// qualified name, a parent namespace or a method body.
/// </summary>
public class LayeringTests
{
    private static readonly Lazy<NamespaceGraph> Library = new(() => NamespaceGraph.Read(typeof(RatingStore).Assembly.Location));

    [Fact]
    public void No_namespace_uses_a_higher_layer_or_a_neighbour_in_its_own()
    {
        var graph = Library.Value;
        var violations = new List<string>();
        foreach (string from in graph.Namespaces.Order(StringComparer.Ordinal))
        {
            int fromLayer = Layering.LayerOf(from);
            foreach (var (to, example) in graph.DependenciesOf(from).OrderBy(edge => edge.Key, StringComparer.Ordinal))
            {
                int toLayer = Layering.LayerOf(to);
                if (fromLayer < 0 || toLayer < 0 || toLayer < fromLayer || Layering.IsUnit(from, to))
                {
                    // Unplaced namespaces are reported by Every_namespace_is_placed_in_one_layer.
                    continue;
                }

                violations.Add(toLayer > fromLayer
                    ? $"{from} (layer {fromLayer}) uses {to} (layer {toLayer}), a higher layer: {example}."
                    : $"{from} uses {to}, a namespace of its own layer {fromLayer}: {example}.");
            }
        }

        violations.Should().BeEmpty("a namespace may use lower layers only (layers bottom up: {0})", LayersText());
    }

    [Fact]
    public void The_namespaces_form_no_cycle_beyond_the_declared_units()
    {
        var graph = Library.Value;

        var cycles = graph.CyclicGroups()
            .Where(group => !(group.Count == 2 && Layering.IsUnit(group[0], group[1])))
            .Select(group => $"{string.Join(", ", group)} use each other, e.g. {string.Join("; ", ShortestCycleBeyondUnits(graph, group))}.");

        cycles.Should().BeEmpty("the namespaces must form layers, which only the declared units may break");
    }

    [Fact]
    public void Every_namespace_is_placed_in_one_layer()
    {
        var present = Library.Value.Namespaces;
        var placed = Layering.Namespaces.ToList();

        present.Except(placed).Should().BeEmpty("every namespace of the library must be placed in a layer of Layering (and in docs/architecture.md)");
        placed.Except(present).Should().BeEmpty("Layering must not list a namespace the library no longer has");
        placed.Should().OnlyHaveUniqueItems("a namespace belongs to one layer");
    }

    [Fact]
    public void Every_declared_unit_is_a_pair_of_one_layer_that_does_use_each_other()
    {
        var graph = Library.Value;

        foreach (var (first, second) in Layering.Units)
        {
            Layering.LayerOf(first).Should().Be(Layering.LayerOf(second), "{0} and {1} are declared a unit", first, second);
            graph.DependenciesOf(first).Should().ContainKey(second, "an exception that is no longer needed should be removed from Layering.Units and the docs");
            graph.DependenciesOf(second).Should().ContainKey(first, "an exception that is no longer needed should be removed from Layering.Units and the docs");
        }
    }

    [Fact]
    public void Foundation_holds_internal_types_only()
    {
        var visible = typeof(RatingStore).Assembly.GetTypes()
            .Where(type => type.Namespace == "MatrixFactorization.Foundation" && type.IsVisible)
            .Select(type => type.FullName);

        visible.Should().BeEmpty("Foundation is the library's own toolbox, not part of its API");
    }

    /// <summary>The shortest cycle in <paramref name="group"/> that is not a declared unit going back and forth.</summary>
    private static IReadOnlyList<string> ShortestCycleBeyondUnits(NamespaceGraph graph, IReadOnlyList<string> group) =>
        group.SelectMany(user => graph.DependenciesOf(user).Keys
                .Where(used => group.Contains(used) && !Layering.IsUnit(user, used))
                .Select(used => graph.CycleThrough(user, used)))
            .OrderBy(cycle => cycle.Count)
            .ThenBy(cycle => string.Join(";", cycle), StringComparer.Ordinal)
            .First();

    private static string LayersText() =>
        string.Join(" < ", Layering.Layers.Select(layer => string.Join(" + ", layer.Select(ns => ns.Replace("MatrixFactorization.", string.Empty, StringComparison.Ordinal)))));
}
