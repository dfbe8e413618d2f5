using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary><c>IntegrationHub:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "IntegrationHub:Webhooks";

    /// <summary>GoHighLevel's published RSA key for <c>x-wh-signature</c> (docs/oauth/WebhookAuthentication.md).</summary>
    public const string GhlPublishedRsaKey = """
        -----BEGIN PUBLIC KEY-----
        MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
        Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
        dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
        csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
        uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
        3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
        J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
        IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
        h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
        HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
        PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
        T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
        -----END PUBLIC KEY-----
        """;

    /// <summary>
    /// GoHighLevel's published Ed25519 key for <c>X-GHL-Signature</c> (its webhook integration guide; SPKI SHA-256
    /// fingerprint 5a2c1b27...). Since the RSA header's end (2026-07-01) real deliveries carry only this signature.
    /// </summary>
    public const string GhlPublishedEd25519Key = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=
        -----END PUBLIC KEY-----
        """;

    /// <summary>Base of the handed-out webhook URL (absolute http(s)); unset means the request's own scheme and host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>PEM (SPKI) of GoHighLevel's Ed25519 key for <c>X-GHL-Signature</c>; empty turns that scheme off.</summary>
    public string? GhlEd25519PublicKey { get; set; } = GhlPublishedEd25519Key;

    public string? GhlRsaPublicKey { get; set; } = GhlPublishedRsaKey;

    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "IntegrationHub:Webhooks:MaxBodyBytes must be a whole number of bytes from 1024 to 67108864.")]
    public int MaxBodyBytes { get; set; } = 1_048_576;

    /// <summary>
    /// How long an instance's claim on the events it is processing lasts; after that another instance sharing the
    /// database may take them over (its owner died). Longer than any batch takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "IntegrationHub:Webhooks:ProcessingLease must be a time span from 00:00:05 to 01:00:00.")]
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Row mode: contact and message events are written by prepared set-based statements instead of EF Core's change
    /// tracking (SQLite and PostgreSQL). False puts every event through EF Core (the reference the differential test
    /// compares row mode with); the results are the same, only slower.
    /// </summary>
    public bool RowMode { get; set; } = true;

    [Range(1, 86_400, ErrorMessage = "IntegrationHub:Webhooks:TimestampToleranceSeconds must be a whole number of seconds from 1 to 86400.")]
    public int TimestampToleranceSeconds { get; set; } = 300;
}
