using IntegrationHub.Infrastructure.Security;

namespace IntegrationHub.Infrastructure.UnitTests;

public sealed class AccessTokensTests
{
    [Test]
    public void Issued_tokens_are_random_and_their_hash_matches()
    {
        var tokens = new AccessTokens();
        var (token, hash) = tokens.Issue();
        var (other, _) = tokens.Issue();

        token.Should().StartWith("ih_").And.NotBe(other);
        hash.Should().HaveLength(64).And.Be(tokens.Hash(token)).And.NotContain(token);
        tokens.Hash(other).Should().NotBe(hash);
    }
}
