using IntegrationHub.Application.Leads;

namespace IntegrationHub.Application.UnitTests.Leads;

public sealed class TimezoneDetectorTests
{
    private const string Fallback = "America/New_York";

    [TestCase("US", "TX", "+15125550123", "America/Chicago", TestName = "US state decides within the country")]
    [TestCase("United States", "California", null, "America/Los_Angeles", TestName = "country and state by name")]
    [TestCase("CA", "BC", null, "America/Vancouver", TestName = "Canadian province")]
    [TestCase("AU", "QLD", null, "Australia/Brisbane", TestName = "Australian state")]
    [TestCase("DE", "AL", "+91 98765 43210", "Europe/Berlin", TestName = "messy GoHighLevel example: the country wins")]
    [TestCase("Germany", null, null, "Europe/Berlin", TestName = "single-zone country by name")]
    [TestCase("UK", null, null, "Europe/London", TestName = "common alias")]
    [TestCase(null, null, "+44 20 7946 0958", "Europe/London", TestName = "phone alone")]
    [TestCase("US", null, "+1 206 555 0100", "America/Los_Angeles", TestName = "phone picks the zone inside the country")]
    [TestCase("US", null, null, "America/New_York", TestName = "multi-zone country without more: the sub-account zone when it fits")]
    [TestCase(null, null, null, "America/New_York", TestName = "nothing known: the sub-account zone")]
    [TestCase("Atlantis", "XX", "not a phone", "America/New_York", TestName = "garbage falls back")]
    public void Detects(string? country, string? state, string? phone, string expected) =>
        TimezoneDetector.Detect(country, state, null, phone, Fallback).Should().Be(expected);

    [Test]
    public void A_multi_zone_country_that_does_not_contain_the_fallback_gets_its_principal_zone() =>
        TimezoneDetector.Detect("RU", null, null, null, Fallback).Should().MatchRegex("^(Europe|Asia)/");
}
