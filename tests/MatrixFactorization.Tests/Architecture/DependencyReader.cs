using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MatrixFactorization.Tests.Architecture;

/// <summary>
/// Lists the types one type uses: its base type and interfaces, generic constraints, the
/// signatures of its fields, methods, properties and events, custom attributes, and every type,
/// method, field or signature token in its method bodies (with their locals and catch clauses).
/// A constant of another type is copied into the IL as a number and leaves no trace: that is the
/// one kind of use this cannot see.
/// </summary>
internal sealed class DependencyReader(PEReader pe, MetadataReader metadata, TypeIndex types)
{
    /// <summary>The operand kind of every IL opcode, keyed by its one- or two-byte value.</summary>
    private static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => unchecked((ushort)code.Value), code => code.OperandType);

    public IReadOnlySet<TypeDefinitionHandle> TypesUsedBy(TypeDefinitionHandle handle)
    {
        var collector = new TypeCollector(metadata, types);
        var type = metadata.GetTypeDefinition(handle);

        if (!type.BaseType.IsNil)
        {
            collector.Add(type.BaseType);
        }

        foreach (var implementationHandle in type.GetInterfaceImplementations())
        {
            var implementation = metadata.GetInterfaceImplementation(implementationHandle);
            collector.Add(implementation.Interface);
            collector.AddAttributes(implementation.GetCustomAttributes());
        }

        collector.AddAttributes(type.GetCustomAttributes());
        AddGenericParameters(collector, type.GetGenericParameters());

        foreach (var fieldHandle in type.GetFields())
        {
            var field = metadata.GetFieldDefinition(fieldHandle);
            field.DecodeSignature(collector, null);
            collector.AddAttributes(field.GetCustomAttributes());
        }

        foreach (var methodHandle in type.GetMethods())
        {
            AddMethod(collector, metadata.GetMethodDefinition(methodHandle));
        }

        foreach (var propertyHandle in type.GetProperties())
        {
            var property = metadata.GetPropertyDefinition(propertyHandle);
            property.DecodeSignature(collector, null);
            collector.AddAttributes(property.GetCustomAttributes());
        }

        foreach (var eventHandle in type.GetEvents())
        {
            var definition = metadata.GetEventDefinition(eventHandle);
            collector.Add(definition.Type);
            collector.AddAttributes(definition.GetCustomAttributes());
        }

        // Explicit interface implementations name the interface method they implement.
        foreach (var implementationHandle in type.GetMethodImplementations())
        {
            collector.Add(metadata.GetMethodImplementation(implementationHandle).MethodDeclaration);
        }

        return collector.Found;
    }

    private void AddMethod(TypeCollector collector, MethodDefinition method)
    {
        method.DecodeSignature(collector, null);
        collector.AddAttributes(method.GetCustomAttributes());
        AddGenericParameters(collector, method.GetGenericParameters());
        foreach (var parameterHandle in method.GetParameters())
        {
            collector.AddAttributes(metadata.GetParameter(parameterHandle).GetCustomAttributes());
        }

        if (method.RelativeVirtualAddress == 0)
        {
            return;
        }

        var body = pe.GetMethodBody(method.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil)
        {
            collector.Add(body.LocalSignature);
        }

        foreach (var region in body.ExceptionRegions)
        {
            if (!region.CatchType.IsNil)
            {
                collector.Add(region.CatchType);
            }
        }

        AddInstructions(collector, body.GetILReader());
    }

    private static void AddInstructions(TypeCollector collector, BlobReader il)
    {
        while (il.RemainingBytes > 0)
        {
            ushort code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il.ReadByte());
            }

            switch (Operands[code])
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineSig:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    collector.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                case OperandType.InlineSwitch:
                    // Read the count first: in `Offset += 4 * ReadInt32()` the old offset is read before the call moves it.
                    int targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineBrTarget:
                case OperandType.InlineI:
                case OperandType.ShortInlineR:
                case OperandType.InlineString:
                    il.Offset += 4;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.Offset += 8;
                    break;
                default:
                    throw new NotSupportedException($"IL opcode 0x{code:X4} has an operand of unknown size.");
            }
        }
    }

    private void AddGenericParameters(TypeCollector collector, GenericParameterHandleCollection parameters)
    {
        foreach (var parameterHandle in parameters)
        {
            var parameter = metadata.GetGenericParameter(parameterHandle);
            collector.AddAttributes(parameter.GetCustomAttributes());
            foreach (var constraintHandle in parameter.GetConstraints())
            {
                collector.Add(metadata.GetGenericParameterConstraint(constraintHandle).Type);
            }
        }
    }
}
