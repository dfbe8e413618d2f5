namespace IntegrationHub.Application.Common.Models;

/// <param name="Total">How many items match; a lower bound when <paramref name="TotalIsExact"/> is false.</param>
/// <param name="TotalIsExact">
/// False when counting stopped at a cap (a broad lead search: ADR 0009): then <paramref name="Total"/> is the cap, there are
/// more, and pages past it are still served while items exist. True for every exact count.
/// </param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize, bool TotalIsExact = true);

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}
