using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace MatrixFactorization.Tests.Architecture;

/// <summary>
/// Gathers the types of this assembly that a metadata handle or a signature mentions: a generic
/// argument, an array element, a pointer target or a type named in a custom attribute all count.
/// Types of other assemblies are followed only far enough to reach the arguments they carry.
/// </summary>
internal sealed class TypeCollector(MetadataReader metadata, TypeIndex types)
    : ISignatureTypeProvider<object?, object?>, ICustomAttributeTypeProvider<object?>
{
    /// <summary>The marker a signature decodes <c>System.Type</c> to, for custom attribute arguments.</summary>
    private static readonly object SystemType = new();

    public HashSet<TypeDefinitionHandle> Found { get; } = [];

    /// <summary>Adds the type a handle names, or the type that declares the member it names.</summary>
    public void Add(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                Found.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeReference:
                GetTypeFromReference(metadata, (TypeReferenceHandle)handle, 0);
                break;
            case HandleKind.TypeSpecification:
                GetTypeFromSpecification(metadata, null, (TypeSpecificationHandle)handle, 0);
                break;
            case HandleKind.MethodDefinition:
                Found.Add(metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                Found.Add(metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                Add(metadata.GetMemberReference((MemberReferenceHandle)handle).Parent);
                break;
            case HandleKind.MethodSpecification:
                var specification = metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                Add(specification.Method);
                specification.DecodeSignature(this, null);
                break;
            case HandleKind.StandaloneSignature:
                AddSignature((StandaloneSignatureHandle)handle);
                break;
            case HandleKind.ModuleReference:
                // A P/Invoke target: a native library, not a type.
                break;
            default:
                throw new NotSupportedException($"A metadata handle of kind {handle.Kind} where a type or member was expected.");
        }
    }

    /// <summary>Adds the types named by a custom attribute: its own type and any <c>typeof</c> argument.</summary>
    public void AddAttributes(CustomAttributeHandleCollection attributes)
    {
        foreach (var handle in attributes)
        {
            var attribute = metadata.GetCustomAttribute(handle);
            Add(attribute.Constructor);
            attribute.DecodeValue(this);
        }
    }

    public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        Found.Add(handle);
        return handle;
    }

    public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var reference = reader.GetTypeReference(handle);
        string name = reader.GetString(reference.Name);
        string ns = reader.GetString(reference.Namespace);

        // A reference resolved in this very module names one of its own types (unusual, but legal).
        if (reference.ResolutionScope.Kind == HandleKind.ModuleDefinition
            && types.TryFind(ns.Length == 0 ? name : ns + "." + name, out var own))
        {
            Found.Add(own);
            return own;
        }

        return handle;
    }

    public object? GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public object? GetTypeFromSerializedName(string name)
    {
        if (types.TryFind(name, out var handle))
        {
            Found.Add(handle);
            return handle;
        }

        return name;
    }

    public PrimitiveTypeCode GetUnderlyingEnumType(object? type) => type switch
    {
        TypeDefinitionHandle own => UnderlyingTypeOf(own),
        TypeReferenceHandle reference => UnderlyingTypeOf(AssemblyQualifiedName(reference)),
        string serialized => UnderlyingTypeOf(serialized),
        _ => throw new NotSupportedException($"An enum argument of a custom attribute whose type cannot be told: {type}."),
    };

    public object? GetSystemType() => SystemType;

    public bool IsSystemType(object? type) =>
        ReferenceEquals(type, SystemType)
        || (type is TypeReferenceHandle reference
            && metadata.GetString(metadata.GetTypeReference(reference).Namespace) == "System"
            && metadata.GetString(metadata.GetTypeReference(reference).Name) == "Type");

    public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode;

    public object? GetSZArrayType(object? elementType) => null;

    public object? GetArrayType(object? elementType, ArrayShape shape) => null;

    public object? GetByReferenceType(object? elementType) => null;

    public object? GetPointerType(object? elementType) => null;

    public object? GetPinnedType(object? elementType) => null;

    public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;

    public object? GetGenericMethodParameter(object? genericContext, int index) => null;

    public object? GetGenericTypeParameter(object? genericContext, int index) => null;

    public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => unmodifiedType;

    public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;

    private void AddSignature(StandaloneSignatureHandle handle)
    {
        var signature = metadata.GetStandaloneSignature(handle);
        if (signature.GetKind() == StandaloneSignatureKind.LocalVariables)
        {
            signature.DecodeLocalSignature(this, null);
        }
        else
        {
            signature.DecodeMethodSignature(this, null);
        }
    }

    /// <summary>The underlying type of one of this assembly's enums: the type of its one instance field.</summary>
    private PrimitiveTypeCode UnderlyingTypeOf(TypeDefinitionHandle handle)
    {
        foreach (var fieldHandle in metadata.GetTypeDefinition(handle).GetFields())
        {
            var field = metadata.GetFieldDefinition(fieldHandle);
            if ((field.Attributes & System.Reflection.FieldAttributes.Static) == 0 && field.DecodeSignature(this, null) is PrimitiveTypeCode code)
            {
                return code;
            }
        }

        throw new NotSupportedException($"{metadata.GetString(metadata.GetTypeDefinition(handle).Name)} is not an enum.");
    }

    /// <summary>The underlying type of another assembly's enum, asked of the runtime that has it loaded.</summary>
    private static PrimitiveTypeCode UnderlyingTypeOf(string assemblyQualifiedName)
    {
        var type = Type.GetType(assemblyQualifiedName, throwOnError: true)!;
        return Type.GetTypeCode(Enum.GetUnderlyingType(type)) switch
        {
            TypeCode.SByte => PrimitiveTypeCode.SByte,
            TypeCode.Byte => PrimitiveTypeCode.Byte,
            TypeCode.Int16 => PrimitiveTypeCode.Int16,
            TypeCode.UInt16 => PrimitiveTypeCode.UInt16,
            TypeCode.Int32 => PrimitiveTypeCode.Int32,
            TypeCode.UInt32 => PrimitiveTypeCode.UInt32,
            TypeCode.Int64 => PrimitiveTypeCode.Int64,
            TypeCode.UInt64 => PrimitiveTypeCode.UInt64,
            var other => throw new NotSupportedException($"An enum with underlying type {other}."),
        };
    }

    private string AssemblyQualifiedName(TypeReferenceHandle handle)
    {
        var reference = metadata.GetTypeReference(handle);
        string name = metadata.GetString(reference.Namespace) + "." + metadata.GetString(reference.Name);
        return reference.ResolutionScope.Kind == HandleKind.AssemblyReference
            ? name + ", " + metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name)
            : name;
    }
}
