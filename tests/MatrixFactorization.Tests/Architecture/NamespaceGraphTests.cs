using MatrixFactorization.Tests.Architecture.Fixture.Unrelated;

namespace MatrixFactorization.Tests.Architecture;

/// <summary>
/// The graph reader finds each kind of use on its own: every namespace under Fixture uses the
/// Target namespace in exactly one way (see the type in each), read from this test assembly.
/// </summary>
public class NamespaceGraphTests
{
    private const string Fixture = "MatrixFactorization.Tests.Architecture.Fixture";

    private static readonly Lazy<NamespaceGraph> Tests = new(() => NamespaceGraph.Read(typeof(Loner).Assembly.Location));

    [Theory]
    [InlineData("ViaBaseType")]
    [InlineData("ViaInterface")]
    [InlineData("ViaField")]
    [InlineData("ViaParameter")]
    [InlineData("ViaReturnType")]
    [InlineData("ViaGenericArgument")]
    [InlineData("ViaMethodBody")]
    [InlineData("ViaFullName")]
    [InlineData("ViaLambda")]
    [InlineData("ViaAttribute")]
    [InlineData("ViaAttributeArgument")]
    [InlineData("ViaTypeOf")]
    [InlineData("ViaCatch")]
    [InlineData("ViaConstraint")]
    public void Each_kind_of_use_is_an_edge(string user)
    {
        Tests.Value.DependenciesOf($"{Fixture}.{user}").Keys.Should().Equal($"{Fixture}.Target");
    }

    [Fact]
    public void A_type_of_a_parent_namespace_named_without_a_using_is_an_edge()
    {
        Tests.Value.DependenciesOf($"{Fixture}.ViaParentNamespace").Keys.Should().Equal(Fixture);
    }

    [Fact]
    public void A_namespace_that_uses_nothing_of_the_assembly_has_no_edge()
    {
        Tests.Value.Namespaces.Should().Contain($"{Fixture}.Unrelated");
        Tests.Value.DependenciesOf($"{Fixture}.Unrelated").Should().BeEmpty();
    }

    [Fact]
    public void The_example_of_an_edge_names_the_outer_type_for_compiler_generated_code()
    {
        Tests.Value.DependenciesOf($"{Fixture}.ViaLambda")[$"{Fixture}.Target"]
            .Should().Be(new TypeDependency($"{Fixture}.ViaLambda.Deferred", $"{Fixture}.Target.Thing"));
    }

    [Fact]
    public void A_cycle_is_found_with_the_types_that_close_it()
    {
        var graph = Tests.Value;

        graph.CyclicGroups().Should().ContainEquivalentOf(new[] { $"{Fixture}.CycleA", $"{Fixture}.CycleB" });
        graph.CycleThrough($"{Fixture}.CycleA", $"{Fixture}.CycleB").Should().Equal(
            $"{Fixture}.CycleA -> {Fixture}.CycleB ({Fixture}.CycleA.Ping uses {Fixture}.CycleB.Pong)",
            $"{Fixture}.CycleB -> {Fixture}.CycleA ({Fixture}.CycleB.Pong uses {Fixture}.CycleA.Ping)");
        graph.CycleThrough($"{Fixture}.ViaMethodBody", $"{Fixture}.Target").Should().BeEmpty();
    }
}
