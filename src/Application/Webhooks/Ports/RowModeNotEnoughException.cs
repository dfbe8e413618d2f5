namespace IntegrationHub.Application.Webhooks;

/// <summary>
/// A case row mode does not write (a conflict with the hub's unsent edit, the echo of a message the hub sent): the batch
/// is done again through EF Core's change tracker, which handles every case.
/// </summary>
public sealed class RowModeNotEnoughException(string reason) : Exception($"Row mode cannot write this batch: {reason}.");
