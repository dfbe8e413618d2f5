namespace IntegrationHub.Application.Tenancy;

public sealed record SubAccountDto(int Id, string Name, string Timezone, DateTime CreatedAt)
{
    public static SubAccountDto From(Domain.Tenancy.SubAccount s) => new(s.Id, s.Name, s.Timezone, s.CreatedAt);
}

public sealed record UserCreatedDto(int Id, string Email, string Name, int SubAccountId, string Token);

public sealed record StrategyDto(int Id, int UserId, string Name, DateTime CreatedAt);

/// <summary>A tenant user as listed: never its token or the token's hash.</summary>
public sealed record UserDto(int Id, string Email, string Name, int SubAccountId, DateTime CreatedAt);
