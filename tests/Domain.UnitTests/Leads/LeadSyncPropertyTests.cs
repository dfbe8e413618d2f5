using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Domain.UnitTests.Leads;

/// <summary>
/// Random interleavings (seeded) of hub edits, GoHighLevel edits (their ContactUpdate delivered, late or never), pushes
/// and their echoes: under last write wins both sides end equal; under manual they end equal or with the conflict listed;
/// and the last change made to a field is never silently lost (it is on a side, or recorded as a conflict's loser).
/// </summary>
[TestFixture]
public sealed class LeadSyncPropertyTests
{
    private static readonly string[] Fields = [LeadFields.City, LeadFields.State, LeadFields.FirstName];
    private static readonly string[] Values = ["A", "B", "C"];

    private sealed class World(ConflictPolicy policy, Random random)
    {
        public DateTime Clock = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
        public readonly Dictionary<string, string?> Crm = new() { [LeadFields.City] = "\"London\"", [LeadFields.State] = null, [LeadFields.FirstName] = "\"Ada\"" };
        public DateTime CrmUpdated;
        public readonly Queue<(Dictionary<string, string?> Values, DateTime Key)> Events = new();
        public readonly Dictionary<string, (string Side, string? Value, DateTime At)> LastChange = [];
        public bool PushQueued;
        public readonly List<string> Trace = [];

        /// <summary>Fields whose ContactUpdate GoHighLevel never delivered (see the last assertion).</summary>
        public readonly HashSet<string> LostWebhooks = [];
        public Lead Lead = null!;

        public void Tick() => Clock = Clock.AddMilliseconds(random.Next(0, 2500));

        public void HubEdit(string field, string value)
        {
            Trace.Add($"{Clock:mm:ss.fff} hub {field}={value}");
            if (Lead.Edit(new Dictionary<string, string?> { [field] = LeadFields.Text(value) }, Clock).Count > 0)
            {
                LastChange[field] = ("hub", LeadFields.Text(value), Clock);
                PushQueued = true;
            }
        }

        public void CrmEdit(string field, string value, bool webhookLost)
        {
            if (Crm[field] == LeadFields.Text(value))
            {
                return;
            }

            Trace.Add($"{Clock:mm:ss.fff} crm {field}={value}{(webhookLost ? " (webhook lost)" : "")}");
            Crm[field] = LeadFields.Text(value);
            CrmUpdated = Clock;
            LastChange[field] = ("crm", Crm[field], Clock);
            if (webhookLost)
            {
                LostWebhooks.Add(field);
            }
            else
            {
                Events.Enqueue((new Dictionary<string, string?>(Crm), Clock));
            }
        }

        public void DeliverEvent()
        {
            if (Events.TryDequeue(out var e))
            {
                Trace.Add($"{Clock:mm:ss.fff} event {e.Key:mm:ss.fff} {string.Join(",", e.Values.Select(v => v.Key + "=" + v.Value))}");
                Lead.ApplyExternalUpdate(Details(e.Values), Lead.Timezone, e.Key, Clock, policy);
            }
        }

        public void Push()
        {
            if (!PushQueued)
            {
                return;
            }

            PushQueued = false;
            var send = Lead.PlanPush(new Dictionary<string, string?>(Crm), CrmUpdated, policy, Clock, out _);
            if (send.Count == 0)
            {
                return;
            }

            Trace.Add($"{Clock:mm:ss.fff} push {string.Join(",", send.Select(v => v.Key + "=" + v.Value))}");
            foreach (var (field, value) in send)
            {
                Crm[field] = value;
            }

            CrmUpdated = Clock;
            Events.Enqueue((new Dictionary<string, string?>(Crm), Clock)); // the echo
            Lead.MarkPushed(send, Clock);
        }

        private static ContactDetails Details(Dictionary<string, string?> values) => new()
        {
            Partial = true, TagsGiven = false,
            City = LeadFields.AsString(values[LeadFields.City]) ?? "",
            State = LeadFields.AsString(values[LeadFields.State]) ?? "",
            FirstName = LeadFields.AsString(values[LeadFields.FirstName]) ?? "",
        };
    }

    [Test]
    public void Random_interleavings_end_equal_or_listed_and_lose_no_change([Values] ConflictPolicy policy, [Range(1, 50)] int seed)
    {
        var random = new Random(seed * 7919 + (int)policy);
        var world = new World(policy, random);
        world.Lead = Lead.Create(1, 1, null, new ContactDetails { FirstName = "Ada", City = "London" }, "Europe/London", "c-1", world.Clock, world.Clock);
        world.CrmUpdated = world.Clock;
        for (var step = 0; step < random.Next(4, 14); step++)
        {
            world.Tick();
            var field = Fields[random.Next(Fields.Length)];
            var value = Values[random.Next(Values.Length)];
            switch (random.Next(5))
            {
                case 0: world.HubEdit(field, value); break;
                case 1: world.CrmEdit(field, value, webhookLost: random.Next(5) == 0); break;
                case 2: world.DeliverEvent(); break;
                default: world.Push(); break;
            }
        }

        // Quiesce: every event delivered, every push made, then one full read of the contact (a sync) and its consequences.
        for (var round = 0; round < 4; round++)
        {
            world.Tick();
            while (world.Events.Count > 0)
            {
                world.DeliverEvent();
            }

            world.PushQueued |= world.Lead.SyncState.Pending.Count > 0;
            world.Push();
            world.Events.Enqueue((new Dictionary<string, string?>(world.Crm), world.Clock.AddMilliseconds(1)));
        }

        while (world.Events.Count > 0)
        {
            world.DeliverEvent();
        }

        var hub = LeadFields.Of(world.Lead);
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, world.Trace));
        var conflicts = world.Lead.SyncState.Conflicts;
        foreach (var field in Fields)
        {
            var (mine, theirs) = (hub.GetValueOrDefault(field), world.Crm[field]);
            if (policy == ConflictPolicy.LastWriteWins)
            {
                mine.Should().Be(theirs, $"both sides end equal on {field} (seed {seed})");
            }
            else if (mine != theirs)
            {
                conflicts.Should().Contain(c => c.IsOpen && c.Field == field && c.HubValue == mine && c.CrmValue == theirs,
                    $"a difference on {field} is a listed conflict (seed {seed})");
            }

            // GoHighLevel has one change clock per contact, none per field: after a lost ContactUpdate, a change back to the
            // value both sides agreed on (A, B lost, A) cannot be told from no change (docs/adr/0008-contact-conflicts.md).
            if (world.LastChange.TryGetValue(field, out var last) && mine != last.Value && theirs != last.Value
                && !(last.Side == "crm" && world.LostWebhooks.Contains(field)))
            {
                conflicts.Should().Contain(c => c.Field == field && (c.HubValue == last.Value || c.CrmValue == last.Value),
                    $"the last change of {field} ({last.Side}: {last.Value}) is on a side or recorded as a conflict's loser (seed {seed})");
            }
        }
    }
}
