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
}
