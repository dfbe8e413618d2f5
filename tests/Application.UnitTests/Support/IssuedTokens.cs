using IntegrationHub.Application.Common.Interfaces;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Support;

/// <summary>Access tokens that always issue the same token and hash, so a test can tell which one was stored.</summary>
public static class IssuedTokens
{
    public const string Token = "token-1";
    public const string Hash = "hash-1";

    public static IAccessTokens Fake()
    {
        var tokens = Substitute.For<IAccessTokens>();
        tokens.Issue().Returns((Token, Hash));
        return tokens;
    }
}
