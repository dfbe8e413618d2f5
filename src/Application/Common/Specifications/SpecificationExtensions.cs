using Ardalis.Specification;

namespace IntegrationHub.Application.Common.Specifications;

/// <summary>
/// Applies an Ardalis specification to an EF query with the core package's evaluators
/// (the EF Core evaluator package is not available here).
/// </summary>
public static class SpecificationExtensions
{
    public static IQueryable<T> WithSpecification<T>(this IQueryable<T> query, ISpecification<T> specification)
        where T : class
    {
        query = WhereEvaluator.Instance.GetQuery(query, specification);
        query = OrderEvaluator.Instance.GetQuery(query, specification);
        return PaginationEvaluator.Instance.GetQuery(query, specification);
    }
}
