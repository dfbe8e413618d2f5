using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Domain.UnitTests;

public sealed class TemplateAndLeadTests
{
    private static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static TemplateDetails Details() =>
        new("GoHighLevel", null, "CRM", null, true, """{"type":"object"}""", null, null, "2021-07-28");

    [TestCase("gohighlevel", true)]
    [TestCase("facebook_ads", true)]
    [TestCase("g2", true)]
    [TestCase("GoHighLevel", false)]
    [TestCase("2fast", false)]
    [TestCase("with-dash", false)]
    [TestCase("", false)]
    public void Template_names_are_slugs(string name, bool valid) =>
        IntegrationTemplate.IsValidName(name).Should().Be(valid);

    [Test]
    public void Creating_a_template_with_a_bad_name_throws()
    {
        var create = () => IntegrationTemplate.Create("Bad Name", Details(), 1, Now);
        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Updating_a_template_moves_updated_at_but_not_created_at()
    {
        var template = IntegrationTemplate.Create("ghl", Details(), 1, Now);
        template.Update(Details() with { DisplayName = "  GHL  " }, Now.AddDays(1));
        template.DisplayName.Should().Be("GHL");
        template.CreatedAt.Should().Be(Now);
        template.UpdatedAt.Should().Be(Now.AddDays(1));
    }

    [TestCase("Ada Lovelace", "Ada", "King", "ada@example.com", "Ada Lovelace")]
    [TestCase(null, "Ada", "King", null, "Ada King")]
    [TestCase("  ", null, "King", null, "King")]
    [TestCase(null, null, null, "ada@example.com", "ada@example.com")]
    [TestCase(null, null, null, null, "Unknown contact")]
    public void Lead_name_comes_from_name_then_first_and_last(string? name, string? first, string? last, string? email, string expected) =>
        new ContactDetails { Name = name, FirstName = first, LastName = last, Email = email }.DisplayName().Should().Be(expected);

    [Test]
    public void A_new_lead_raises_lead_created_and_cleans_its_tags()
    {
        var lead = Lead.Create(1, 2, 3, new ContactDetails { FirstName = "Ada", Tags = ["vip", " vip ", "", "new"] }, "UTC", "c1", Now);
        lead.Tags.Should().Equal("vip", "new");
        lead.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<LeadCreated>();
    }
}
