using System.Security.Cryptography;
using LtcHub.Domain.Common;
using Microsoft.Extensions.Configuration;

namespace LtcHub.Infrastructure.Contracts;

/// <summary>
/// Signed contract scans, kept as files outside the web root (<c>Storage:Attachments</c>, default
/// <c>App_Data/attachments</c>) under random names: nothing serves them but the download endpoint,
/// which checks who may see the deal. Only PDFs and images, recognised by their first bytes, up to 10 MB.
/// </summary>
public sealed class AttachmentStore
{
    public const long MaxSize = 10 * 1024 * 1024;

    private static readonly (string ContentType, byte[] Magic)[] Allowed =
    [
        ("application/pdf", "%PDF"u8.ToArray()),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    private readonly string _folder;

    public AttachmentStore(IConfiguration configuration, string contentRoot)
    {
        _folder = Path.GetFullPath(Path.Combine(contentRoot, configuration["Storage:Attachments"] ?? "App_Data/attachments"));
    }

    /// <summary>Checks and stores a file; returns its key and the content type its bytes show.</summary>
    /// <exception cref="DomainException">Too large, empty, or not a PDF, PNG or JPEG.</exception>
    public async Task<(string Key, string ContentType, long Size)> SaveAsync(Stream content, long declaredSize, CancellationToken cancellationToken = default)
    {
        if (declaredSize > MaxSize)
        {
            throw new DomainException("Error.AttachmentTooLarge", MaxSize / 1024 / 1024);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxSize)
            {
                throw new DomainException("Error.AttachmentTooLarge", MaxSize / 1024 / 1024);
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        var type = Allowed.FirstOrDefault(a => bytes.AsSpan().StartsWith(a.Magic)).ContentType
            ?? throw new DomainException("Error.AttachmentType");
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        Directory.CreateDirectory(_folder);
        await File.WriteAllBytesAsync(PathOf(key), bytes, cancellationToken);
        return (key, type, bytes.Length);
    }

    public Stream Open(string key) => File.OpenRead(PathOf(key));

    public bool Exists(string key) => File.Exists(PathOf(key));

    private string PathOf(string key) =>
        key.Length == 32 && key.All(char.IsAsciiHexDigitLower) ? Path.Combine(_folder, key) : throw new DomainException("Error.NotFound");
}
