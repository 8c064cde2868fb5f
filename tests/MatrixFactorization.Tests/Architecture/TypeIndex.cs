using System.Reflection.Metadata;

namespace MatrixFactorization.Tests.Architecture;

/// <summary>
/// Names and namespaces of the types defined in one assembly. A nested type belongs to the
/// namespace of its outermost declaring type, so the closures, iterators and lambdas the compiler
/// nests inside a type count as that type.
/// </summary>
internal sealed class TypeIndex
{
    private readonly MetadataReader _metadata;
    private readonly Dictionary<string, TypeDefinitionHandle> _byName = new(StringComparer.Ordinal);

    public TypeIndex(MetadataReader metadata)
    {
        _metadata = metadata;
        foreach (var handle in metadata.TypeDefinitions)
        {
            _byName[SerializedNameOf(handle)] = handle;
        }
    }

    /// <summary>The namespace a type counts for.</summary>
    public string NamespaceOf(TypeDefinitionHandle handle) =>
        _metadata.GetString(_metadata.GetTypeDefinition(Outermost(handle)).Namespace);

    /// <summary>The full name of the outermost type that declares <paramref name="handle"/> (or of itself).</summary>
    public string OuterNameOf(TypeDefinitionHandle handle) => SerializedNameOf(Outermost(handle));

    /// <summary>
    /// False for the types the compiler emits on its own outside any declaring type (such as
    /// <c>&lt;PrivateImplementationDetails&gt;</c>, anonymous types, inline arrays and the embedded
    /// attributes of nullable annotations): they belong to no namespace of the project, and nothing
    /// of the project depends on them by choice.
    /// </summary>
    public bool IsHandWritten(TypeDefinitionHandle handle)
    {
        var outer = _metadata.GetTypeDefinition(Outermost(handle));
        if (_metadata.GetString(outer.Name).StartsWith('<'))
        {
            return false;
        }

        foreach (var attributeHandle in outer.GetCustomAttributes())
        {
            string name = AttributeTypeName(_metadata.GetCustomAttribute(attributeHandle));
            if (name is "System.Runtime.CompilerServices.CompilerGeneratedAttribute" or "Microsoft.CodeAnalysis.EmbeddedAttribute")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The type of this assembly with the given serialized name (as written in a custom
    /// attribute's <c>typeof</c> argument: namespace, name, <c>+</c> before a nested name).
    /// </summary>
    public bool TryFind(string serializedName, out TypeDefinitionHandle handle)
    {
        int comma = serializedName.IndexOf(',', StringComparison.Ordinal);
        string name = comma < 0 ? serializedName : serializedName[..comma];
        int generic = name.IndexOf('[', StringComparison.Ordinal);
        return _byName.TryGetValue(generic < 0 ? name.Trim() : name[..generic].Trim(), out handle);
    }

    private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
    {
        var declaring = _metadata.GetTypeDefinition(handle).GetDeclaringType();
        return declaring.IsNil ? handle : Outermost(declaring);
    }

    private string SerializedNameOf(TypeDefinitionHandle handle)
    {
        var type = _metadata.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        string name = _metadata.GetString(type.Name);
        if (!declaring.IsNil)
        {
            return SerializedNameOf(declaring) + "+" + name;
        }

        string ns = _metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private string AttributeTypeName(CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind switch
        {
            HandleKind.MethodDefinition => _metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            HandleKind.MemberReference => _metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            _ => default,
        };

        return type.Kind switch
        {
            HandleKind.TypeDefinition => SerializedNameOf((TypeDefinitionHandle)type),
            HandleKind.TypeReference => TypeReferenceName((TypeReferenceHandle)type),
            _ => string.Empty,
        };
    }

    private string TypeReferenceName(TypeReferenceHandle handle)
    {
        var reference = _metadata.GetTypeReference(handle);
        string ns = _metadata.GetString(reference.Namespace);
        string name = _metadata.GetString(reference.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
