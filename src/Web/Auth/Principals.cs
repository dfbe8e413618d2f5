namespace IntegrationHub.Web.Auth;

/// <summary>Claim types and policies of the two kinds of principal.</summary>
public static class Principals
{
    public const string Scheme = "Bearer";
    public const string RoleClaim = "ih:role";
    public const string IdClaim = "ih:id";
    public const string SubAccountClaim = "ih:sub_account";

    public const string AdminRole = "admin";
    public const string TenantRole = "tenant";

    public const string AdminPolicy = "admin";
    public const string TenantUserPolicy = "tenant-user";
}
