namespace IntegrationHub.Application.Access;

/// <summary>
/// An admin is about to be deleted (published before its save): modules that record which admin created something
/// forget it (what the admin created stays; only the record of who created it goes).
/// </summary>
public sealed record AdminDeleting(int AdminId) : INotification;
