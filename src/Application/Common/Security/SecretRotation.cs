namespace IntegrationHub.Application.Common.Security;

/// <summary>What happened to one stored secret during a re-encryption.</summary>
public enum SecretMove
{
    /// <summary>It was already under the active key.</summary>
    Unchanged,

    /// <summary>It is now under the active key.</summary>
    Moved,

    /// <summary>The key ring cannot read it (its key is missing or different), so it stays as it was.</summary>
    Unreadable,
}

/// <summary>Secrets moved to the active key by a re-encryption, and those left under another key.</summary>
public readonly record struct SecretMoves(int Moved, int Remaining)
{
    public static SecretMoves operator +(SecretMoves a, SecretMoves b) => new(a.Moved + b.Moved, a.Remaining + b.Remaining);

    public SecretMoves Count(SecretMove move) => move switch
    {
        SecretMove.Moved => this with { Moved = Moved + 1 },
        SecretMove.Unreadable => this with { Remaining = Remaining + 1 },
        _ => this,
    };
}

public static class SecretRotation
{
    /// <summary>
    /// The secret under the active key. One the ring cannot read is left as it is rather than failing the whole
    /// rotation: the rest still move, and the caller reports it as remaining.
    /// </summary>
    public static (string Ciphertext, SecretMove Move) MoveToActiveKey(this ISecretProtector protector, string ciphertext, SecretContext context)
    {
        if (!protector.NeedsReencryption(ciphertext))
        {
            return (ciphertext, SecretMove.Unchanged);
        }

        if (protector.Check(ciphertext, context).State != SecretKeyState.Readable)
        {
            return (ciphertext, SecretMove.Unreadable);
        }

        return (protector.Protect(protector.Unprotect(ciphertext, context), context), SecretMove.Moved);
    }
}
