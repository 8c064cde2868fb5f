using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace MatrixFactorization.Tests.Architecture;

/// <summary>
/// The namespaces of one compiled assembly and which of them use which, read from its metadata
/// and IL rather than from source, so that a fully qualified name, a type of the enclosing
/// namespace named without a <c>using</c>, or a call inside a method body all count.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, TypeDependency>> _edges;

    private NamespaceGraph(IReadOnlySet<string> namespaces, Dictionary<string, Dictionary<string, TypeDependency>> edges)
    {
        Namespaces = namespaces;
        _edges = edges;
    }

    /// <summary>Every namespace that holds a type written by hand (compiler-emitted helper types are left out).</summary>
    public IReadOnlySet<string> Namespaces { get; }

    /// <summary>Reads the graph of the assembly file at <paramref name="assemblyPath"/>.</summary>
    public static NamespaceGraph Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var types = new TypeIndex(metadata);
        var reader = new DependencyReader(pe, metadata, types);

        var edges = new Dictionary<string, Dictionary<string, TypeDependency>>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeDefinitions)
        {
            if (!types.IsHandWritten(handle))
            {
                continue;
            }

            string fromNamespace = types.NamespaceOf(handle);
            foreach (var used in reader.TypesUsedBy(handle))
            {
                if (!types.IsHandWritten(used))
                {
                    continue;
                }

                string toNamespace = types.NamespaceOf(used);
                if (toNamespace == fromNamespace)
                {
                    continue;
                }

                if (!edges.TryGetValue(fromNamespace, out var targets))
                {
                    edges[fromNamespace] = targets = new(StringComparer.Ordinal);
                }

                // Keep one example per edge, chosen by name so messages do not change from build to build.
                var example = new TypeDependency(types.OuterNameOf(handle), types.OuterNameOf(used));
                if (!targets.TryGetValue(toNamespace, out var kept) || example.CompareTo(kept) < 0)
                {
                    targets[toNamespace] = example;
                }
            }
        }

        var namespaces = metadata.TypeDefinitions
            .Where(types.IsHandWritten)
            .Select(types.NamespaceOf)
            .ToHashSet(StringComparer.Ordinal);
        return new NamespaceGraph(namespaces, edges);
    }

    /// <summary>The namespaces that <paramref name="fromNamespace"/> uses, each with one type pair that shows it.</summary>
    public IReadOnlyDictionary<string, TypeDependency> DependenciesOf(string fromNamespace) =>
        _edges.TryGetValue(fromNamespace, out var targets) ? targets : new Dictionary<string, TypeDependency>();

    /// <summary>
    /// The groups of two or more namespaces that all reach each other through their dependencies
    /// (the strongly connected components that hold a cycle), each sorted, in name order.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> CyclicGroups()
    {
        var reach = Namespaces.ToDictionary(ns => ns, Reachable, StringComparer.Ordinal);
        var groups = new List<IReadOnlyList<string>>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (string ns in Namespaces.Order(StringComparer.Ordinal))
        {
            if (placed.Contains(ns))
            {
                continue;
            }

            var group = Namespaces.Where(other => other == ns || (reach[ns].Contains(other) && reach[other].Contains(ns)))
                .Order(StringComparer.Ordinal)
                .ToList();
            placed.UnionWith(group);
            if (group.Count > 1)
            {
                groups.Add(group);
            }
        }

        return groups;
    }

    /// <summary>
    /// A shortest cycle that takes the edge from <paramref name="from"/> to <paramref name="to"/>,
    /// as its edges with one type pair each ("A -> B (X uses Y)"), or an empty list when the edge
    /// is on no cycle.
    /// </summary>
    public IReadOnlyList<string> CycleThrough(string from, string to)
    {
        if (!DependenciesOf(from).ContainsKey(to))
        {
            return [];
        }

        // Breadth-first from the edge's head until its tail comes round again.
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal) { [to] = from };
        var queue = new Queue<string>([to]);
        while (queue.Count > 0 && !cameFrom.ContainsKey(from))
        {
            string ns = queue.Dequeue();
            foreach (string next in DependenciesOf(ns).Keys.Order(StringComparer.Ordinal))
            {
                if (cameFrom.TryAdd(next, ns))
                {
                    queue.Enqueue(next);
                }
            }
        }

        if (!cameFrom.ContainsKey(from))
        {
            return [];
        }

        var steps = new List<string>();
        string head = from;
        do
        {
            string tail = cameFrom[head];
            steps.Add($"{tail} -> {head} ({DependenciesOf(tail)[head]})");
            head = tail;
        }
        while (head != from);

        steps.Reverse();
        return steps;
    }

    private HashSet<string> Reachable(string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([start]);
        while (stack.Count > 0)
        {
            foreach (string next in DependenciesOf(stack.Pop()).Keys)
            {
                if (seen.Add(next))
                {
                    stack.Push(next);
                }
            }
        }

        return seen;
    }
}
