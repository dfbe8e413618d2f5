using System.Reflection;
using Mono.Cecil;
using NetArchTest.Rules;

namespace IntegrationHub.Architecture.Tests;

/// <summary>
/// The module map of ADR 0005 as data: which tables (IAppDbContext sets) each Application module owns, and which
/// other modules it may use. <see cref="Check"/> runs the same rules over the real Application assembly and over
/// the planted violations in this test project.
/// </summary>
public sealed record ModuleMap(
    IReadOnlyDictionary<string, string[]> Arrows,
    IReadOnlyDictionary<string, string[]> Tables,
    IReadOnlyCollection<string> DomainModules)
{
    public const string DomainPrefix = "IntegrationHub.Domain";
    private const string DbContext = "IntegrationHub.Application.Common.Interfaces.IAppDbContext";

    public static readonly ModuleMap Hub = new(
        Arrows: new Dictionary<string, string[]>
        {
            ["Access"] = [],
            ["Audit"] = [],
            ["Outbound"] = [],
            ["Templates"] = ["Access"],
            ["Tenancy"] = ["Access"],
            ["Integrations"] = ["Templates", "Tenancy", "Outbound", "Access"],
            ["Webhooks"] = ["Integrations"],
            ["Leads"] = ["Tenancy", "Webhooks", "Integrations", "Outbound"],
            ["GoHighLevel"] = ["Integrations", "Templates", "Tenancy", "Leads", "Outbound", "Webhooks"],
        },
        Tables: new Dictionary<string, string[]>
        {
            ["Access"] = ["AdminUsers", "AdminSessions"],
            ["Audit"] = ["AuditEntries"],
            ["Tenancy"] = ["SubAccounts", "Users", "Strategies"],
            ["Templates"] = ["IntegrationTemplates"],
            ["Integrations"] = ["Integrations", "IntegrationAlerts"],
            ["GoHighLevel"] = ["SyncRuns", "GhlConnectStates", "GhlInstallations", "GhlInstallationLocations"],
            ["Leads"] = ["Leads", "LeadMessages", "LeadTags", "Bookings"],
            ["Webhooks"] = ["WebhookEvents"],
            ["Outbound"] = ["OutboundOperations"],
        },
        DomainModules: ["Access", "Audit", "Tenancy", "Templates", "Integrations", "Leads", "Webhooks", "Outbound"]);

    /// <summary>
    /// Every break of the three rules by the modules under <paramref name="prefix"/> (prefix.Module namespaces):
    /// a table read or written that the module does not own, an Application module used against the arrows, a
    /// domain module used that is neither the module's own, Common, nor one its arrows reach.
    /// </summary>
    public IReadOnlyList<string> Check(Assembly assembly, string prefix)
    {
        var violations = new List<string>();
        violations.AddRange(TableUses(assembly, prefix)
            .Where(use => !Tables.GetValueOrDefault(use.Module, []).Contains(use.Table))
            .Select(use => $"{use.Module} uses table {use.Table} ({use.Type})"));

        foreach (var (module, arrows) in Arrows)
        {
            foreach (var other in Arrows.Keys.Where(o => o != module && !arrows.Contains(o)))
            {
                violations.AddRange(Dependents(assembly, $"{prefix}.{module}", $"{prefix}.{other}")
                    .Select(type => $"{module} uses module {other} ({type})"));
            }

            foreach (var domain in DomainModules.Where(d => d != module && !arrows.Contains(d)))
            {
                violations.AddRange(Dependents(assembly, $"{prefix}.{module}", $"{DomainPrefix}.{domain}")
                    .Select(type => $"{module} uses domain {domain} ({type})"));
            }
        }

        return violations.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The IAppDbContext sets each type under prefix.Module touches, read from the IL of every method body,
    /// compiler-generated state machines and closures included (they are nested types of the type they serve).
    /// </summary>
    public IEnumerable<(string Module, string Table, string Type)> TableUses(Assembly assembly, string prefix)
    {
        using var definition = AssemblyDefinition.ReadAssembly(assembly.Location);
        var sets = SetsByEntity(assembly);
        foreach (var type in definition.MainModule.GetTypes())
        {
            var module = ModuleOf(TopLevel(type).Namespace, prefix);
            if (module is null)
            {
                continue;
            }

            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var instruction in method.Body.Instructions)
                {
                    // A call, or a method token: a set named inside a LINQ expression tree (a subquery) is a ldtoken of its getter.
                    if (instruction.Operand is MethodReference called && called.DeclaringType.FullName == DbContext
                        && TableOf(called, sets) is { } table)
                    {
                        yield return (module, table, TopLevel(type).FullName);
                    }
                }
            }
        }
    }

    private static string? TableOf(MethodReference called, Dictionary<string, string> sets) =>
        called.Name.StartsWith("get_", StringComparison.Ordinal) ? called.Name[4..]
        : called is GenericInstanceMethod { Name: "Set" } generic ? sets.GetValueOrDefault(generic.GenericArguments[0].FullName, $"Set<{generic.GenericArguments[0].Name}>")
        : null;

    private static Dictionary<string, string> SetsByEntity(Assembly assembly) =>
        (assembly.GetType(DbContext) ?? typeof(Application.Common.Interfaces.IAppDbContext))
            .GetProperties()
            .Where(p => p.PropertyType.IsGenericType)
            .ToDictionary(p => p.PropertyType.GetGenericArguments()[0].FullName!, p => p.Name);

    private static TypeDefinition TopLevel(TypeDefinition type) => type.DeclaringType is null ? type : TopLevel(type.DeclaringType);

    private static string? ModuleOf(string ns, string prefix)
    {
        if (!ns.StartsWith(prefix + ".", StringComparison.Ordinal))
        {
            return null;
        }

        return ns[(prefix.Length + 1)..].Split('.')[0];
    }

    private static IEnumerable<string> Dependents(Assembly assembly, string module, string other) =>
        Types.InAssembly(assembly).That().ResideInNamespace(module).ShouldNot().HaveDependencyOn(other).GetResult().FailingTypeNames ?? [];
}
