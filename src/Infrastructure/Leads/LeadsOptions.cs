using System.ComponentModel.DataAnnotations;
using IntegrationHub.Application.Leads;

namespace IntegrationHub.Infrastructure.Leads;

/// <summary><c>IntegrationHub:Leads</c>.</summary>
public sealed class LeadsOptions
{
    public const string Section = "IntegrationHub:Leads";

    /// <summary>A search or tag filter counts its matches up to this many (ADR 0009); tests set a small cap.</summary>
    [Range(1, 1_000_000, ErrorMessage = "IntegrationHub:Leads:SearchCountCap must be a whole number from 1 to 1000000.")]
    public int SearchCountCap { get; set; } = LeadSearchLimits.CountCap;

    /// <summary>
    /// Leads an export reads per query (<see cref="LeadPages"/>): large enough that a page's round trip is small beside its
    /// rows, small enough to be a few hundred KB in memory; tests set a small page to cross page ends.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "IntegrationHub:Leads:ExportPageSize must be a whole number from 1 to 10000.")]
    public int ExportPageSize { get; set; } = 1_000;
}
