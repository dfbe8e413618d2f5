using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Outbound;

public enum OutboundKind
{
    ContactCreate,
    ContactUpdate,
    ContactDelete,
    MessageSend,
    BookingCreate,
    BookingUpdate,
    BookingCancel,
    Alert,
}

public enum OutboundStatus
{
    Pending,
    Waiting,
    Running,
    Succeeded,
    Failed,
    Conflict,
    Cancelled,
}

/// <summary>The contract's words for kinds (<c>contact.create</c>) and statuses (<c>pending</c>).</summary>
public static class OutboundNames
{
    private static readonly Dictionary<OutboundKind, string> KindNames = new()
    {
        [OutboundKind.ContactCreate] = "contact.create",
        [OutboundKind.ContactUpdate] = "contact.update",
        [OutboundKind.ContactDelete] = "contact.delete",
        [OutboundKind.MessageSend] = "message.send",
        [OutboundKind.BookingCreate] = "booking.create",
        [OutboundKind.BookingUpdate] = "booking.update",
        [OutboundKind.BookingCancel] = "booking.cancel",
        [OutboundKind.Alert] = "alert",
    };

    public static IReadOnlyCollection<string> AllKinds => KindNames.Values;

    public static string ToApiName(this OutboundKind kind) => KindNames[kind];

    public static bool TryParseKind(string? name, out OutboundKind kind)
    {
        foreach (var (value, text) in KindNames)
        {
            if (string.Equals(text, name, StringComparison.Ordinal))
            {
                kind = value;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static IReadOnlyCollection<string> AllStatuses { get; } =
        Enum.GetValues<OutboundStatus>().Select(s => s.ToApiName()).ToArray();

    public static bool TryParseStatus(string? name, out OutboundStatus status)
    {
        foreach (var value in Enum.GetValues<OutboundStatus>())
        {
            if (string.Equals(value.ToApiName(), name, StringComparison.Ordinal))
            {
                status = value;
                return true;
            }
        }

        status = default;
        return false;
    }
}
