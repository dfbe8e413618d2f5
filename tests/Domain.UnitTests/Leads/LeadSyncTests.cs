using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Domain.UnitTests.Leads;

/// <summary>The two-way sync rules of a lead (docs/adr/0008-contact-conflicts.md), without a database or GoHighLevel.</summary>
[TestFixture]
public sealed class LeadSyncTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    private static Lead Synced()
    {
        var lead = Lead.Create(1, 1, null, new ContactDetails { FirstName = "Ada", LastName = "Lovelace", City = "London", Tags = ["math"] },
            "Europe/London", "c-1", T0, externalUpdatedAt: T0);
        lead.ClearDomainEvents();
        return lead;
    }

    private static Dictionary<string, string?> Edit(string field, string? text) => new() { [field] = LeadFields.Text(text) };

    private static ContactDetails CrmCity(string city) => new() { Partial = true, TagsGiven = false, City = city };

    [TestCase(0, ConflictWinner.Hub)]
    [TestCase(999, ConflictWinner.Hub)]
    [TestCase(1000, ConflictWinner.Crm)]
    [TestCase(-60_000, ConflictWinner.Hub)]
    public void Last_write_wins_trusts_the_crm_only_a_full_second_after_the_hub(int crmLaterByMs, ConflictWinner expected) =>
        ConflictRules.Decide(ConflictPolicy.LastWriteWins, T0, T0.AddMilliseconds(crmLaterByMs)).Should().Be(expected);

    [Test]
    public void Manual_decides_nothing_and_an_unknown_crm_time_lets_the_hub_win()
    {
        ConflictRules.Decide(ConflictPolicy.Manual, T0, T0.AddHours(1)).Should().Be(ConflictWinner.Nobody);
        ConflictRules.Decide(ConflictPolicy.LastWriteWins, T0, null).Should().Be(ConflictWinner.Hub);
    }

    [Test]
    public void An_edit_is_a_pending_change_with_its_time_and_asks_for_a_push()
    {
        var lead = Synced();
        lead.Edit(Edit(LeadFields.City, "Paris"), T0.AddMinutes(1)).Should().Equal(LeadFields.City);
        lead.City.Should().Be("Paris");
        lead.SyncState.Pending.Should().ContainKey(LeadFields.City).WhoseValue.Should().Be(T0.AddMinutes(1));
        lead.SyncState.Synced[LeadFields.City].Should().Be(LeadFields.Text("London"), "the last value both sides shared");
        lead.SyncState.Status.Should().Be("pending");
        lead.DomainEvents.OfType<LeadEdited>().Should().ContainSingle();
    }

    [Test]
    public void An_edit_to_the_same_value_or_of_company_only_asks_for_no_push()
    {
        var lead = Synced();
        lead.Edit(Edit(LeadFields.City, "London"), T0).Should().BeEmpty();
        lead.Edit(Edit(LeadFields.Company, "Engines"), T0).Should().Equal(LeadFields.Company);
        lead.SyncState.HubOnly.Should().Equal(LeadFields.Company);
        lead.SyncState.Pending.Should().BeEmpty();
        lead.DomainEvents.OfType<LeadEdited>().Should().BeEmpty();
    }

    [Test]
    public void The_push_sends_a_field_the_crm_did_not_change_and_both_sides_then_agree()
    {
        var lead = Synced();
        lead.Edit(Edit(LeadFields.City, "Paris"), T0.AddMinutes(1));
        var crm = new Dictionary<string, string?> { [LeadFields.City] = LeadFields.Text("London") };
        var send = lead.PlanPush(crm, T0, ConflictPolicy.LastWriteWins, T0.AddMinutes(2), out var open);
        send.Should().Equal(new Dictionary<string, string?> { [LeadFields.City] = LeadFields.Text("Paris") });
        open.Should().BeFalse();
        lead.MarkPushed(send, T0.AddMinutes(2));
        lead.SyncState.Pending.Should().BeEmpty();
        lead.SyncState.Status.Should().Be("inSync");
    }

    [TestCase(ConflictPolicy.LastWriteWins, 10, "London2", ConflictOutcomes.CrmWon)]
    [TestCase(ConflictPolicy.LastWriteWins, -10, "Paris", ConflictOutcomes.HubWon)]
    [TestCase(ConflictPolicy.Manual, 10, "Paris", ConflictOutcomes.Open)]
    public void A_field_both_changed_at_the_push_is_a_conflict_the_policy_decides(ConflictPolicy policy, int crmMinutes, string leadCity, string outcome)
    {
        var lead = Synced();
        lead.Edit(Edit(LeadFields.City, "Paris"), T0.AddMinutes(1));
        var crm = new Dictionary<string, string?> { [LeadFields.City] = LeadFields.Text("London2") };
        var send = lead.PlanPush(crm, T0.AddMinutes(1 + crmMinutes), policy, T0.AddMinutes(30), out var open);

        lead.City.Should().Be(leadCity);
        var conflict = lead.SyncState.Conflicts.Single();
        conflict.Outcome.Should().Be(outcome);
        (conflict.HubValue, conflict.CrmValue).Should().Be((LeadFields.Text("Paris"), LeadFields.Text("London2")));
        lead.DomainEvents.OfType<LeadConflictDetected>().Should().ContainSingle();
        send.ContainsKey(LeadFields.City).Should().Be(outcome == ConflictOutcomes.HubWon);
        open.Should().Be(outcome == ConflictOutcomes.Open);
    }

    [Test]
    public void A_contact_update_for_a_field_with_an_unsent_change_is_decided_by_its_order_key()
    {
        var crmLater = Synced();
        crmLater.Edit(Edit(LeadFields.City, "Paris"), T0.AddMinutes(1));
        crmLater.ApplyExternalUpdate(CrmCity("Rome"), "Europe/London", T0.AddMinutes(5), T0.AddMinutes(6)).Should().BeTrue();
        crmLater.City.Should().Be("Rome");
        crmLater.SyncState.Pending.Should().BeEmpty();

        var hubLater = Synced();
        hubLater.Edit(Edit(LeadFields.City, "Paris"), T0.AddMinutes(5));
        hubLater.ApplyExternalUpdate(CrmCity("Rome"), "Europe/London", T0.AddMinutes(1), T0.AddMinutes(6));
        hubLater.City.Should().Be("Paris");
        hubLater.SyncState.Pending.Should().ContainKey(LeadFields.City, "it still has to go out");
        hubLater.SyncState.Conflicts.Single().Outcome.Should().Be(ConflictOutcomes.HubWon);
    }

    [Test]
    public void Manual_keeps_the_hub_value_lists_the_conflict_and_resolving_settles_it()
    {
        var lead = Synced();
        lead.Edit(Edit(LeadFields.City, "Paris"), T0.AddMinutes(1));
        lead.ApplyExternalUpdate(CrmCity("Rome"), "Europe/London", T0.AddMinutes(5), T0.AddMinutes(6), ConflictPolicy.Manual);
        lead.City.Should().Be("Paris");
        lead.SyncState.Status.Should().Be("conflict");

        // GoHighLevel changes it again: the open conflict shows its latest value.
        lead.ApplyExternalUpdate(CrmCity("Milan"), "Europe/London", T0.AddMinutes(7), T0.AddMinutes(8), ConflictPolicy.Manual);
        lead.SyncState.Open.Single().CrmValue.Should().Be(LeadFields.Text("Milan"));

        lead.ClearDomainEvents();
        lead.ResolveConflict(LeadFields.City, keepHub: true, T0.AddMinutes(9));
        lead.DomainEvents.OfType<LeadEdited>().Should().ContainSingle();
        var send = lead.PlanPush(new Dictionary<string, string?> { [LeadFields.City] = LeadFields.Text("Milan") }, T0.AddMinutes(7),
            ConflictPolicy.Manual, T0.AddMinutes(10), out var open);
        send.Should().ContainKey(LeadFields.City);
        open.Should().BeFalse("the push after keeping the hub's value is no new conflict");
        lead.SyncState.Conflicts.Single().Outcome.Should().Be(ConflictOutcomes.KeptHub);
    }

    [Test]
    public void The_echo_of_the_hubs_change_changes_nothing()
    {
        var lead = Synced();
        lead.Edit(Edit(LeadFields.City, "Paris"), T0.AddMinutes(1));
        var send = lead.PlanPush(new Dictionary<string, string?> { [LeadFields.City] = LeadFields.Text("London") }, T0, ConflictPolicy.Manual,
            T0.AddMinutes(2), out _);
        lead.MarkPushed(send, T0.AddMinutes(2));
        var updated = lead.UpdatedAt;

        lead.ApplyExternalUpdate(CrmCity("Paris"), "Europe/London", T0.AddMinutes(3), T0.AddMinutes(4), ConflictPolicy.Manual).Should().BeFalse();
        lead.UpdatedAt.Should().Be(updated);
        lead.SyncState.Conflicts.Should().BeEmpty();
    }

    [Test]
    public void The_echo_of_an_earlier_push_does_not_undo_a_later_unsent_edit()
    {
        var lead = Synced();
        lead.Edit(Edit(LeadFields.City, "Paris"), T0.AddMinutes(1));
        lead.MarkPushed(lead.PlanPush(new Dictionary<string, string?> { [LeadFields.City] = LeadFields.Text("London") }, T0,
            ConflictPolicy.LastWriteWins, T0.AddMinutes(2), out _), T0.AddMinutes(2));
        lead.Edit(Edit(LeadFields.City, "Berlin"), T0.AddMinutes(3));

        lead.ApplyExternalUpdate(CrmCity("Paris"), "Europe/London", T0.AddMinutes(4), T0.AddMinutes(5));
        lead.City.Should().Be("Berlin");
        lead.SyncState.Conflicts.Should().BeEmpty();
    }

    [Test]
    public void Tags_compare_as_sets_ignoring_case()
    {
        LeadFields.Same(LeadFields.Tags, LeadFields.TagsText(["VIP", "b"]), LeadFields.TagsText(["b", "vip"])).Should().BeTrue();
        LeadFields.Same(LeadFields.City, LeadFields.Text("Paris"), LeadFields.Text("paris")).Should().BeFalse();
    }

    [Test]
    public void A_company_edited_in_the_hub_stays_when_gohighlevel_sends_its_own()
    {
        var lead = Synced();
        lead.Edit(Edit(LeadFields.Company, "Engines"), T0.AddMinutes(1));
        lead.ApplyExternalUpdate(new ContactDetails { Partial = true, TagsGiven = false, Company = "Other Co", City = "Rome" }, "Europe/London",
            T0.AddMinutes(2), T0.AddMinutes(3));
        lead.Company.Should().Be("Engines");
        lead.City.Should().Be("Rome");
    }
}
