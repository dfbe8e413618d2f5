namespace IntegrationHub.Application.Access;

/// <summary>An admin as listed: never its token or the token's hash.</summary>
public sealed record AdminDto(int Id, string Email, string Name, DateTime CreatedAt);

/// <summary>A token just issued: shown this once, only its hash is kept.</summary>
public sealed record NewTokenDto(string Token);
