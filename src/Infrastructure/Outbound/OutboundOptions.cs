using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Infrastructure.Outbound;

/// <summary><c>IntegrationHub:Outbound</c>: how the dispatcher delivers outbound operations.</summary>
public sealed class OutboundOptions
{
    public const string Section = "IntegrationHub:Outbound";

    /// <summary>
    /// How long a claimed operation is this instance's: where instances share a database, another one takes over an
    /// operation whose lease ran out (its instance died). A try is cut off at two thirds of it, so it ends in time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00", ErrorMessage = "IntegrationHub:Outbound:Lease must be a time span from 00:00:05 to 00:10:00.")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Operations delivered at once by one instance.</summary>
    [Range(1, 256, ErrorMessage = "IntegrationHub:Outbound:Concurrency must be a whole number from 1 to 256.")]
    public int Concurrency { get; set; } = 16;

    public TimeSpan TryTimeout => Lease * 2 / 3;
}
