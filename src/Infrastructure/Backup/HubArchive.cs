using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace IntegrationHub.Infrastructure.Backup;

/// <summary>
/// The archive format: a tar file (gzip-compressed when its name ends in .gz or .tgz) whose first entry is the
/// manifest and whose other entries are the files it lists, each checked against its SHA-256 when read.
/// </summary>
internal static class HubArchive
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static bool IsCompressedName(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the manifest, then each listed file from <paramref name="folder"/>.</summary>
    public static async Task WriteAsync(Stream output, BackupManifest manifest, string folder, CancellationToken cancellationToken)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        using (var json = new MemoryStream(manifest.ToJson()))
        {
            await tar.WriteEntryAsync(Entry(BackupManifest.EntryName, json, manifest.CreatedAt), cancellationToken);
        }

        foreach (var file in manifest.Files)
        {
            await using var data = File.OpenRead(Path.Combine(folder, file.Path));
            await tar.WriteEntryAsync(Entry(file.Path, data, manifest.CreatedAt), cancellationToken);
        }
    }

    /// <summary>
    /// Reads the archive: its manifest, then every file, handed to <paramref name="onFile"/> as it streams by and
    /// checked against the manifest (size and SHA-256) once read. Every listed file must be there, and nothing else.
    /// </summary>
    /// <exception cref="BackupException">Not such an archive, damaged, or not matching its manifest.</exception>
    public static async Task<BackupManifest> ReadAsync(string path, Func<BackupFile, Stream, Task> onFile, CancellationToken cancellationToken)
    {
        try
        {
            await using var input = await OpenAsync(path, cancellationToken);
            await using var tar = new TarReader(input);
            if (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is not { Name: BackupManifest.EntryName, DataStream: { } json })
            {
                throw new BackupException($"{path} is not an IntegrationHub backup: its first entry is not {BackupManifest.EntryName}.");
            }

            var manifest = BackupManifest.Parse(json);
            var expected = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !expected.Remove(entry.Name, out var file))
                {
                    throw new BackupException($"{path} holds '{entry.Name}', which its manifest does not list: it was altered after the backup.");
                }

                await using var hashing = new HashingStream(entry.DataStream ?? Stream.Null);
                await onFile(file, hashing);
                await hashing.CopyToAsync(Stream.Null, cancellationToken); // what the callback left unread still counts
                if (hashing.Length != file.Bytes || !string.Equals(hashing.Sha256(), file.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new BackupException($"{path} is damaged: {file.Path} does not match its SHA-256 in the manifest.");
                }
            }

            return expected.Count == 0
                ? manifest
                : throw new BackupException($"{path} is incomplete: {expected.Keys.First()} is listed in its manifest but missing.");
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new BackupException($"{path} is not an IntegrationHub backup, or it is damaged ({ex.GetType().Name}).");
        }
    }

    private static async Task<Stream> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        var magic = new byte[2];
        var read = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken);
        file.Position = 0;
        // Recognised by content, not by name: a renamed archive still restores.
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static PaxTarEntry Entry(string name, Stream data, DateTimeOffset at) => new(TarEntryType.RegularFile, name)
    {
        DataStream = data,
        Mode = OwnerOnly,
        ModificationTime = at,
    };

    /// <summary>Reads through to the entry's data, hashing and counting every byte.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public string Sha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Count(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Count(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Count(ReadOnlySpan<byte> data)
        {
            _hash.AppendData(data);
            _length += data.Length;
        }
    }
}
