using System.Text.Json;
using Json.Schema;

namespace IntegrationHub.Application.Common.Json;

/// <summary>Evaluates JSON against a schema and turns the outcome into one error entry per failing JSON path.</summary>
public static class SchemaErrors
{
    // Hierarchical, so a passing anyOf/oneOf is seen as passing: the branches it did not take are not errors.
    private static readonly EvaluationOptions HierarchicalOutput = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>Errors keyed by "<paramref name="prefix"/>" + the JSON pointer of the failing instance location.</summary>
    public static Dictionary<string, string[]> Evaluate(JsonSchema schema, JsonElement instance, string prefix)
    {
        var results = schema.Evaluate(instance, HierarchicalOutput);
        var errors = new Dictionary<string, List<string>>();
        if (results.IsValid)
        {
            return [];
        }

        foreach (var detail in Flatten(results))
        {
            if (detail.IsValid || detail.Errors is null)
            {
                continue;
            }

            var key = prefix + detail.InstanceLocation;
            foreach (var message in detail.Errors.Values)
            {
                if (!errors.TryGetValue(key, out var list))
                {
                    errors[key] = list = [];
                }

                if (!list.Contains(message))
                {
                    list.Add(message);
                }
            }
        }

        if (errors.Count == 0)
        {
            errors[prefix.Length == 0 ? "/" : prefix] = ["The value does not match the schema."];
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        if (results.Details is null || results.IsValid)
        {
            yield break;
        }

        foreach (var detail in results.Details)
        {
            foreach (var nested in Flatten(detail))
            {
                yield return nested;
            }
        }
    }
}
