using System.Text.Json;
using IntegrationHub.Web.AdminConsole;

namespace IntegrationHub.Web.ConsoleTests;

/// <summary>The integration page's token line: expiry, last renewal and how it is renewed, from the masked config; never a token.</summary>
[TestFixture]
public sealed class TokenStateTextTests
{
    private static JsonElement Config(string json) => JsonDocument.Parse(json).RootElement;

    [Test]
    public void A_location_connection_says_when_its_token_expires_and_was_renewed_through_its_own_refresh_token()
    {
        var text = TokenStateText.Describe(Config("""
            {"apiKey":"********","refreshToken":"********","oauth":"location","locationId":"loc-1",
             "accessTokenExpiresAt":"2026-12-05T10:00:00.000Z","tokensRefreshedAt":"2026-12-04T10:00:01.000Z"}
            """));

        text.Should().Be("Expires 2026-12-05 10:00:00 UTC; last renewed 2026-12-04 10:00:01 UTC; renewed through its own refresh token.");
    }

    [Test]
    public void An_agency_linked_connection_names_the_install_it_is_renewed_through()
    {
        TokenStateText.Describe(Config("""{"apiKey":"********","oauth":"agency","companyId":"co-42","accessTokenExpiresAt":"2026-12-05T10:00:00Z"}"""))
            .Should().Be("Expires 2026-12-05 10:00:00 UTC; last renewed never (as connected); renewed through the agency install co-42.");
    }

    [Test]
    public void A_hand_configured_app_is_described_and_a_private_integration_token_has_no_token_line()
    {
        TokenStateText.Describe(Config("""{"apiKey":"********","clientId":"c","clientSecret":"********","refreshToken":"********"}"""))
            .Should().Contain("its own refresh token (app configured by hand)");
        TokenStateText.Describe(Config("""{"apiKey":"********","locationId":"loc-1"}""")).Should().BeNull();
    }
}
