using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ModelOps.Provisioning.Tests.ProviderCheck;

/// <summary>
/// Checks a Pulumi C# program against the provider's published types without compiling it (Pulumi does not restore here).
/// Roslyn parses the sources; every <c>new</c> of a <c>Pulumi.AzureNative</c> resource, args or input type, every property
/// set in its object initializer (C# <c>PascalCase</c> to the schema's <c>camelCase</c>), the input type a property takes,
/// its required properties, enum members, functions and the outputs read from resources and invoke results are looked up
/// in <see cref="ProviderSchema"/>. Anything missing is a <see cref="ProgramFinding"/> naming file and line.
/// Pulumi.AzureNative namespaces must be named through aliases (<c>using App = Pulumi.AzureNative.App;</c>) or in full,
/// so every name resolves without the compiler.
/// </summary>
public sealed class ProgramChecker
{
    private const string Root = "Pulumi.AzureNative";
    private static readonly HashSet<string> ResourceBaseMembers = new(StringComparer.Ordinal) { "Id", "Urn", "GetResourceName", "GetResourceType" };

    private readonly ProviderSchema _schema;

    public ProgramChecker(ProviderSchema schema)
    {
        _schema = schema;
    }

    /// <summary>Checks the sources (path as findings should name it, C# text) together: types declared in one are seen by all.</summary>
    public ProgramCheckResult Check(IEnumerable<(string Path, string Source)> sources)
    {
        var run = new Run(_schema, sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, path: s.Path)).ToList());
        run.Execute();
        return new ProgramCheckResult(
            run.Findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ToList(),
            run.ResourceTokens,
            run.PropertiesChecked,
            run.MembersChecked);
    }

    /// <summary>What an expression is, as far as the check needs to know.</summary>
    private abstract record TypeRef;

    private sealed record ResourceRef(ProviderResource Resource) : TypeRef;

    private enum Wrapper
    {
        None,
        Output,
        Task,
    }

    /// <summary>An output or invoke-result interface, possibly inside <c>Output&lt;T&gt;</c> or <c>Task&lt;T&gt;</c>.</summary>
    private sealed record InterfaceRef(TsInterface Interface, Wrapper Wrapper) : TypeRef;

    private sealed record FunctionRef(string Module, string ClassName) : TypeRef;

    /// <summary>A type the program itself declares (records holding resources).</summary>
    private sealed record LocalRef(string Name) : TypeRef;

    /// <summary>A resolved <c>Pulumi.AzureNative.{Module}.{Rest}</c> name.</summary>
    private sealed record PulumiName(string Module, string[] Rest);

    private sealed class Run(ProviderSchema schema, IReadOnlyList<SyntaxTree> trees)
    {
        private readonly HashSet<(string File, int Line, string Message)> _seen = [];
        private readonly HashSet<SyntaxNode> _checkedInitializers = [];
        private readonly Dictionary<SyntaxNode, TypeRef?> _types = [];
        private readonly HashSet<SyntaxNode> _typing = [];
        private readonly Dictionary<string, TypeDeclarationSyntax> _localTypes = new(StringComparer.Ordinal);

        public List<ProgramFinding> Findings { get; } = [];
        public HashSet<string> ResourceTokens { get; } = new(StringComparer.Ordinal);
        public int PropertiesChecked { get; private set; }
        public int MembersChecked { get; private set; }

        public void Execute()
        {
            foreach (var type in trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>()))
            {
                _localTypes.TryAdd(type.Identifier.Text, type);
            }

            foreach (var tree in trees)
            {
                var root = tree.GetRoot();
                foreach (var directive in root.DescendantNodes().OfType<UsingDirectiveSyntax>())
                {
                    if (directive.Alias is null && directive.Name?.ToString() is { } name && name.StartsWith(Root + ".", StringComparison.Ordinal))
                    {
                        Report(directive, $"'using {name};' imports provider types by simple name, which this check cannot resolve without the compiler: use an alias (using X = {name};).");
                    }
                }

                foreach (var creation in root.DescendantNodes().OfType<ObjectCreationExpressionSyntax>())
                {
                    CheckCreation(creation);
                }

                foreach (var creation in root.DescendantNodes().OfType<ImplicitObjectCreationExpressionSyntax>())
                {
                    CheckTargetTypedCreation(creation);
                }

                foreach (var access in root.DescendantNodes().Where(n => n is MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax or InvocationExpressionSyntax))
                {
                    TypeOf((ExpressionSyntax)access, null);
                }
            }
        }

        private void CheckCreation(ObjectCreationExpressionSyntax creation)
        {
            if (Resolve(creation.Type) is not { } name)
            {
                return;
            }

            switch (name.Rest)
            {
                case [var type] when schema.Module(name.Module).Resources.TryGetValue(type, out var resource):
                    ResourceTokens.Add(resource.Token);
                    CheckResourceArguments(creation, resource);
                    break;
                case [var type] when type.EndsWith("Args", StringComparison.Ordinal):
                    if (ModuleArgs(name.Module, type) is { } args)
                    {
                        CheckInitializer(creation.Initializer, args, creation);
                    }
                    else
                    {
                        Report(creation.Type, $"azure-native {schema.Version} has no args type {type} in module '{name.Module}'.");
                    }

                    break;
                case ["Inputs", var type]:
                    if (schema.Input(name.Module, type) is { } input)
                    {
                        CheckInitializer(creation.Initializer, input, creation);
                    }
                    else
                    {
                        Report(creation.Type, $"azure-native {schema.Version} has no input type {name.Module}.{type} (types/input.d.ts).");
                    }

                    break;
                default:
                    Report(creation.Type, $"azure-native {schema.Version} has no resource or args type {string.Join('.', name.Rest)} in module '{name.Module}'.");
                    break;
            }
        }

        private void CheckResourceArguments(ObjectCreationExpressionSyntax creation, ProviderResource resource)
        {
            var argsName = resource.ClassName + "Args";
            var module = schema.Module(resource.Module);
            if (!module.Interfaces.TryGetValue(argsName, out var args))
            {
                return;
            }

            var arguments = creation.ArgumentList?.Arguments ?? default;
            var argsArgument = arguments.Count > 1 ? arguments[1].Expression : null;
            switch (argsArgument)
            {
                case null when args.Properties.Values.Any(p => !p.Optional):
                    Report(creation, $"{resource.Token} needs {argsName} with {string.Join(", ", args.Properties.Values.Where(p => !p.Optional).Select(p => p.Name))}.");
                    break;
                case ObjectCreationExpressionSyntax explicitArgs when Resolve(explicitArgs.Type) is { } given &&
                    (given.Module != resource.Module || given.Rest is not [var type] || type != argsName):
                    Report(explicitArgs.Type, $"{resource.Token} takes {resource.Module}.{argsName}, not {given.Module}.{string.Join('.', given.Rest)}.");
                    break;
                case ImplicitObjectCreationExpressionSyntax implicitArgs:
                    CheckInitializer(implicitArgs.Initializer, args, implicitArgs);
                    break;
            }
        }

        private TsInterface? ModuleArgs(string module, string csharpName)
        {
            // C#'s FooInvokeArgs (for Invoke, returning Output) is the schema's FooOutputArgs.
            var name = csharpName.EndsWith("InvokeArgs", StringComparison.Ordinal) ? csharpName[..^"InvokeArgs".Length] + "OutputArgs" : csharpName;
            return schema.Module(module).Interfaces.GetValueOrDefault(name);
        }

        private void CheckInitializer(InitializerExpressionSyntax? initializer, TsInterface type, SyntaxNode at)
        {
            if (!_checkedInitializers.Add(at))
            {
                return;
            }

            var assigned = new HashSet<string>(StringComparer.Ordinal);
            foreach (var expression in initializer?.Expressions ?? default)
            {
                if (expression is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment)
                {
                    continue;
                }

                var csharpName = left.Identifier.Text;
                if (type.Find(csharpName) is not { } property)
                {
                    Report(left, $"{type.Module}.{type.Name} has no property '{Camel(csharpName)}' (C# {csharpName}) in azure-native {schema.Version}.");
                    continue;
                }

                PropertiesChecked++;
                assigned.Add(property.Name);
                CheckValue(assignment.Right, property, type);
            }

            foreach (var missing in type.Properties.Values.Where(p => !p.Optional && !assigned.Contains(p.Name)))
            {
                Report(at, $"{type.Module}.{type.Name} requires '{missing.Name}', which is not set.");
            }
        }

        private void CheckValue(ExpressionSyntax value, TsProperty property, TsInterface owner)
        {
            var expected = TsDeclarations.ReferencedTypes(property.TypeText, "inputs");
            switch (value)
            {
                case ObjectCreationExpressionSyntax creation when Resolve(creation.Type) is { Rest: ["Inputs", var type] } name:
                    ExpectType(creation.Type, (name.Module, type), expected, property, owner);
                    break;
                case ObjectCreationExpressionSyntax { Initializer: { } collection } when expected.Count > 0:
                    CheckElements(collection.Expressions, property, owner);
                    break;
                case ImplicitObjectCreationExpressionSyntax creation:
                    if (expected.Count == 1 && schema.Input(expected[0].Module, expected[0].Name) is { } target)
                    {
                        CheckInitializer(creation.Initializer, target, creation);
                    }
                    else if (expected.Count > 1)
                    {
                        Report(creation, $"'{property.Name}' of {owner.Module}.{owner.Name} takes one of {Describe(expected)}: write which with new T {{ ... }}.");
                    }

                    break;
                case InitializerExpressionSyntax collection:
                    CheckElements(collection.Expressions, property, owner);
                    break;
                case CollectionExpressionSyntax collection:
                    CheckElements(collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression), property, owner);
                    break;
                case ArrayCreationExpressionSyntax { Initializer: { } items }:
                    CheckElements(items.Expressions, property, owner);
                    break;
                case ImplicitArrayCreationExpressionSyntax array:
                    CheckElements(array.Initializer.Expressions, property, owner);
                    break;
                case ConditionalExpressionSyntax conditional:
                    CheckValue(conditional.WhenTrue, property, owner);
                    CheckValue(conditional.WhenFalse, property, owner);
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    CheckValue(parenthesized.Expression, property, owner);
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "ToList" or "ToArray", Expression: InvocationExpressionSyntax select } }
                    when select.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Select" } &&
                         select.ArgumentList.Arguments is [{ Expression: LambdaExpressionSyntax { ExpressionBody: { } body } }]:
                    CheckValue(body, property, owner);
                    break;
                case InvocationExpressionSyntax invocation when LocalMethod(invocation) is { } method && Resolve(method.ReturnType) is { Rest: ["Inputs", var type] } returned:
                    ExpectType(invocation, (returned.Module, type), expected, property, owner);
                    break;
            }
        }

        private void CheckElements(IEnumerable<ExpressionSyntax> elements, TsProperty property, TsInterface owner)
        {
            foreach (var element in elements)
            {
                CheckValue(element, property, owner);
            }
        }

        private void ExpectType(SyntaxNode at, (string Module, string Name) given, IReadOnlyList<(string Module, string Name)> expected, TsProperty property, TsInterface owner)
        {
            if (expected.Count > 0 && !expected.Contains(given))
            {
                Report(at, $"'{property.Name}' of {owner.Module}.{owner.Name} takes {Describe(expected)}, not {given.Module}.{given.Name}.");
            }
        }

        private void CheckTargetTypedCreation(ImplicitObjectCreationExpressionSyntax creation)
        {
            if (_checkedInitializers.Contains(creation))
            {
                return;
            }

            var context = creation.Parent;
            while (context is ConditionalExpressionSyntax or ParenthesizedExpressionSyntax)
            {
                context = context.Parent;
            }

            var type = context switch
            {
                ArrowExpressionClauseSyntax or ReturnStatementSyntax => creation.Ancestors().Select(a => a switch
                {
                    MethodDeclarationSyntax m => m.ReturnType,
                    LocalFunctionStatementSyntax f => f.ReturnType,
                    _ => null,
                }).FirstOrDefault(t => t is not null),
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } when !declaration.Type.IsVar => declaration.Type,
                _ => null,
            };
            if (type is not null && Resolve(type) is { } name)
            {
                if (name.Rest is ["Inputs", var input] && schema.Input(name.Module, input) is { } target)
                {
                    CheckInitializer(creation.Initializer, target, creation);
                }
                else if (name.Rest is [var args] && ModuleArgs(name.Module, args) is { } moduleArgs)
                {
                    CheckInitializer(creation.Initializer, moduleArgs, creation);
                }
                else
                {
                    Report(type, $"azure-native {schema.Version} has no type {string.Join('.', name.Rest)} in module '{name.Module}'.");
                }
            }
        }

        private TypeRef? TypeOf(ExpressionSyntax expression, TypeRef? binding)
        {
            if (binding is null && _types.TryGetValue(expression, out var known))
            {
                return known;
            }

            if (!_typing.Add(expression))
            {
                return null;
            }

            try
            {
                var type = Compute(expression, binding);
                if (binding is null)
                {
                    _types[expression] = type;
                }

                return type;
            }
            finally
            {
                _typing.Remove(expression);
            }
        }

        private TypeRef? Compute(ExpressionSyntax expression, TypeRef? binding) => expression switch
        {
            ParenthesizedExpressionSyntax p => TypeOf(p.Expression, binding),
            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } p => TypeOf(p.Operand, binding),
            AwaitExpressionSyntax a => TypeOf(a.Expression, binding) is InterfaceRef { Wrapper: Wrapper.Task } task ? task with { Wrapper = Wrapper.None } : null,
            IdentifierNameSyntax identifier => Lookup(identifier),
            MemberBindingExpressionSyntax member => Member(binding, member.Name),
            ConditionalAccessExpressionSyntax conditional => TypeOf(conditional.WhenNotNull, TypeOf(conditional.Expression, binding)),
            MemberAccessExpressionSyntax access => MemberAccess(access, binding),
            InvocationExpressionSyntax invocation => Invocation(invocation, binding),
            ObjectCreationExpressionSyntax creation => TypeFromSyntax(creation.Type),
            _ => null,
        };

        private TypeRef? MemberAccess(MemberAccessExpressionSyntax access, TypeRef? binding)
        {
            if (DottedName(access.Expression) is { } receiverName && Expand(receiverName, access) is { } full)
            {
                if (full == Root || !full.StartsWith(Root + ".", StringComparison.Ordinal))
                {
                    return null;
                }

                var parts = full[(Root.Length + 1)..].Split('.');
                if (parts.Length != 2 || parts[1] is "Inputs" or "Outputs")
                {
                    return null;
                }

                if (schema.ModuleFor(parts[0]) is not { } module)
                {
                    Report(access.Expression, $"azure-native {schema.Version} has no module '{parts[0]}'.");
                    return null;
                }

                return ProviderTypeMember(module, parts[1], access);
            }

            return Member(TypeOf(access.Expression, binding), access.Name);
        }

        /// <summary><c>Module.Type.Member</c>: an enum member, a function's Invoke, a resource's static Get.</summary>
        private TypeRef? ProviderTypeMember(string module, string type, MemberAccessExpressionSyntax access)
        {
            var provider = schema.Module(module);
            var member = access.Name.Identifier.Text;
            MembersChecked++;
            if (provider.Enums.TryGetValue(type, out var members))
            {
                if (!members.ContainsKey(member))
                {
                    Report(access.Name, $"enum {module}.{type} has no member {member} (it has {string.Join(", ", members.Keys)}).");
                }

                return null;
            }

            if (provider.Functions.Contains(Camel(type)))
            {
                if (member is not ("Invoke" or "InvokeAsync"))
                {
                    Report(access.Name, $"function {module}.{type} is called with Invoke or InvokeAsync, not {member}.");
                }

                return new FunctionRef(module, type);
            }

            if (provider.Resources.ContainsKey(type) || provider.Interfaces.ContainsKey(type))
            {
                return null;
            }

            Report(access.Expression, $"azure-native {schema.Version} has no resource, function or enum {type} in module '{module}'.");
            return null;
        }

        private TypeRef? Invocation(InvocationExpressionSyntax invocation, TypeRef? binding)
        {
            if (LocalMethod(invocation) is { } local)
            {
                return TypeFromSyntax(local.ReturnType);
            }

            if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: var method } access)
            {
                return null;
            }

            if (method == "ConfigureAwait")
            {
                return TypeOf(access.Expression, binding);
            }

            if (method is "Invoke" or "InvokeAsync" && TypeOf(access, binding) is FunctionRef function)
            {
                var module = schema.Module(function.Module);
                if (!module.Functions.Contains(Camel(function.ClassName)))
                {
                    return null;
                }

                var argument = invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression;
                if (argument is ImplicitObjectCreationExpressionSyntax implicitArgs &&
                    ModuleArgs(function.Module, function.ClassName + (method == "Invoke" ? "InvokeArgs" : "Args")) is { } args)
                {
                    CheckInitializer(implicitArgs.Initializer, args, implicitArgs);
                }

                return module.Interfaces.TryGetValue(function.ClassName + "Result", out var result)
                    ? new InterfaceRef(result, method == "Invoke" ? Wrapper.Output : Wrapper.Task)
                    : null;
            }

            TypeOf(access.Expression, binding);
            return null;
        }

        private TypeRef? Member(TypeRef? receiver, SimpleNameSyntax name)
        {
            var member = name.Identifier.Text;
            switch (receiver)
            {
                case ResourceRef { Resource: var resource }:
                    if (ResourceBaseMembers.Contains(member))
                    {
                        return null;
                    }

                    MembersChecked++;
                    if (resource.Outputs.Find(member) is not { } output)
                    {
                        Report(name, $"{resource.Token} has no output '{Camel(member)}' (C# {member}) in azure-native {schema.Version}.");
                        return null;
                    }

                    return OutputType(output, Wrapper.Output);
                case InterfaceRef { Wrapper: Wrapper.None, Interface: var type }:
                    MembersChecked++;
                    if (type.Find(member) is not { } property)
                    {
                        Report(name, $"{type.Module}.{type.Name} has no property '{Camel(member)}' (C# {member}) in azure-native {schema.Version}.");
                        return null;
                    }

                    return OutputType(property, Wrapper.None);
                case InterfaceRef { Wrapper: Wrapper.Output, Interface: var type } when member is not ("Apply" or "GetHashCode" or "ToString"):
                    Report(name, $"{member} is read from Output<{type.Module}.{type.Name}>: read it inside Apply.");
                    return null;
                case LocalRef { Name: var local } when _localTypes.TryGetValue(local, out var declaration):
                    return LocalMemberType(declaration, member);
                default:
                    return null;
            }
        }

        private TypeRef? OutputType(TsProperty property, Wrapper wrapper) =>
            TsDeclarations.ReferencedTypes(property.TypeText, "outputs") is [var only] && schema.Output(only.Module, only.Name) is { } type
                ? new InterfaceRef(type, wrapper)
                : null;

        private TypeRef? LocalMemberType(TypeDeclarationSyntax declaration, string member)
        {
            var type = declaration.ParameterList?.Parameters.FirstOrDefault(p => p.Identifier.Text == member)?.Type
                ?? declaration.Members.OfType<PropertyDeclarationSyntax>().FirstOrDefault(p => p.Identifier.Text == member)?.Type
                ?? declaration.Members.OfType<FieldDeclarationSyntax>().FirstOrDefault(f => f.Declaration.Variables.Any(v => v.Identifier.Text == member))?.Declaration.Type;
            return type is null ? null : TypeFromSyntax(type);
        }

        /// <summary>The declaration an identifier names, searched outward from it: lambda and method parameters, locals, members.</summary>
        private TypeRef? Lookup(IdentifierNameSyntax identifier)
        {
            var name = identifier.Identifier.Text;
            foreach (var scope in identifier.Ancestors())
            {
                switch (scope)
                {
                    case SimpleLambdaExpressionSyntax lambda when lambda.Parameter.Identifier.Text == name:
                        return LambdaParameter(lambda);
                    case ParenthesizedLambdaExpressionSyntax lambda when lambda.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.Text == name) is { } parameter:
                        return parameter.Type is { } declared ? TypeFromSyntax(declared) : LambdaParameter(lambda);
                    case BaseMethodDeclarationSyntax method when method.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.Text == name) is { } parameter:
                        return parameter.Type is { } methodParameter ? TypeFromSyntax(methodParameter) : null;
                    case LocalFunctionStatementSyntax function when function.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.Text == name) is { } parameter:
                        return parameter.Type is { } functionParameter ? TypeFromSyntax(functionParameter) : null;
                    case BlockSyntax or CompilationUnitSyntax when Local(scope, name, identifier.SpanStart) is { } local:
                        return local.Parent is VariableDeclarationSyntax { Type.IsVar: false } typed
                            ? TypeFromSyntax(typed.Type)
                            : local.Initializer is { } initializer ? TypeOf(initializer.Value, null) : null;
                    case TypeDeclarationSyntax type when LocalMemberType(type, name) is { } member:
                        return member;
                }
            }

            return null;
        }

        private static VariableDeclaratorSyntax? Local(SyntaxNode scope, string name, int before) =>
            scope.DescendantNodes(n => n == scope || n is not (BlockSyntax or LambdaExpressionSyntax or LocalFunctionStatementSyntax) || n.Span.Contains(before))
                .OfType<VariableDeclaratorSyntax>()
                .LastOrDefault(v => v.Identifier.Text == name && v.SpanStart < before);

        /// <summary>The parameter of <c>x.Apply(p => ...)</c> is the T of <c>x</c>'s <c>Output&lt;T&gt;</c>.</summary>
        private TypeRef? LambdaParameter(LambdaExpressionSyntax lambda) =>
            lambda.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "Apply" } apply } } &&
            TypeOf(apply.Expression, null) is InterfaceRef { Wrapper: Wrapper.Output } output
                ? output with { Wrapper = Wrapper.None }
                : null;

        private TypeRef? TypeFromSyntax(TypeSyntax type)
        {
            if (type is NullableTypeSyntax nullable)
            {
                type = nullable.ElementType;
            }

            if (Resolve(type) is { Rest: [var name] } pulumi && schema.Module(pulumi.Module).Resources.TryGetValue(name, out var resource))
            {
                return new ResourceRef(resource);
            }

            return type is IdentifierNameSyntax { Identifier.Text: var local } && _localTypes.ContainsKey(local) ? new LocalRef(local) : null;
        }

        /// <summary>The program's own method an invocation calls: <c>M(...)</c> in the same type, or <c>LocalType.M(...)</c>.</summary>
        private MethodDeclarationSyntax? LocalMethod(InvocationExpressionSyntax invocation)
        {
            var (type, name) = invocation.Expression switch
            {
                IdentifierNameSyntax identifier => (invocation.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault(), identifier.Identifier.Text),
                MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: var member } =>
                    (_localTypes.GetValueOrDefault(owner.Identifier.Text), member.Identifier.Text),
                _ => (null, null),
            };
            return type?.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.Text == name);
        }

        /// <summary>A type name as <c>Pulumi.AzureNative.{module}.{rest}</c> with the module checked, or null for other types.</summary>
        private PulumiName? Resolve(TypeSyntax type)
        {
            if (DottedName(type) is not { } dotted || Expand(dotted, type) is not { } full || !full.StartsWith(Root + ".", StringComparison.Ordinal))
            {
                return null;
            }

            var parts = full[(Root.Length + 1)..].Split('.');
            if (schema.ModuleFor(parts[0]) is { } module)
            {
                return new PulumiName(module, parts[1..]);
            }

            Report(type, $"azure-native {schema.Version} has no module '{parts[0]}'.");
            return null;
        }

        /// <summary><c>A.B.C</c> for a chain of plain names (types or member accesses), or null.</summary>
        private static string? DottedName(SyntaxNode node) => node switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.Text,
            QualifiedNameSyntax qualified => DottedName(qualified.Left) is { } left ? left + "." + qualified.Right.Identifier.Text : null,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.Text,
            MemberAccessExpressionSyntax { Expression: var left, Name: IdentifierNameSyntax right } => DottedName(left) is { } l ? l + "." + right.Identifier.Text : null,
            _ => null,
        };

        /// <summary>Expands a leading alias (<c>App.ContainerApp</c> → <c>Pulumi.AzureNative.App.ContainerApp</c>).</summary>
        private static string? Expand(string dotted, SyntaxNode at)
        {
            var first = dotted.Split('.')[0];
            if (first == "Pulumi")
            {
                return dotted;
            }

            var alias = at.SyntaxTree.GetRoot().DescendantNodes().OfType<UsingDirectiveSyntax>()
                .FirstOrDefault(u => u.Alias?.Name.Identifier.Text == first);
            return alias?.Name?.ToString() is { } target ? target + dotted[first.Length..] : null;
        }

        private void Report(SyntaxNode at, string message)
        {
            var span = at.GetLocation().GetLineSpan();
            var finding = (span.Path, span.StartLinePosition.Line + 1, message);
            if (_seen.Add(finding))
            {
                Findings.Add(new ProgramFinding(finding.Path, finding.Item2, message));
            }
        }

        private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

        private static string Describe(IReadOnlyList<(string Module, string Name)> types) =>
            string.Join(" or ", types.Select(t => t.Module + "." + t.Name));
    }
}
