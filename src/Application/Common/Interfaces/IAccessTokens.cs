namespace IntegrationHub.Application.Common.Interfaces;

/// <summary>Issues bearer tokens: random, shown once, stored only as a hash.</summary>
public interface IAccessTokens
{
    /// <summary>A new random token and the hash to store for it.</summary>
    (string Token, string Hash) Issue();

    string Hash(string token);
}
