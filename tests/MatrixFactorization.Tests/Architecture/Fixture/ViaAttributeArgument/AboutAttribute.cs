namespace MatrixFactorization.Tests.Architecture.Fixture.ViaAttributeArgument;

[AttributeUsage(AttributeTargets.Class)]
public sealed class AboutAttribute(Type subject) : Attribute
{
    public Type Subject { get; } = subject;
}
