using System.Security.Cryptography;
using LtcHub.Domain.Common;
using Microsoft.Extensions.Configuration;

namespace LtcHub.Infrastructure.Imports;

/// <summary>
/// Uploaded import files, outside the web root (<c>Storage:Imports</c>, default <c>App_Data/imports</c>): an upload
/// under a random key until it is imported, then under its import's id (its rejected rows are cut from it on request).
/// </summary>
public sealed class ImportStore(IConfiguration configuration, string contentRoot)
{
    private readonly string _folder = Path.GetFullPath(Path.Combine(contentRoot, configuration["Storage:Imports"] ?? "App_Data/imports"));

    /// <exception cref="DomainException">Empty, or over <see cref="ImportFile.MaxSize"/>.</exception>
    public async Task<string> SaveUploadAsync(Stream content, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_folder);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = UploadPath(key);
        await using (var file = File.Create(path))
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > ImportFile.MaxSize)
                {
                    break;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            if (total is 0 or > ImportFile.MaxSize)
            {
                file.Close();
                File.Delete(path);
                throw new DomainException(total == 0 ? "Error.ImportEmpty" : "Error.ImportTooLarge", ImportFile.MaxSize / 1024 / 1024);
            }
        }

        return key;
    }

    /// <summary>An upload's file; a key that is not one of ours is refused (it names a path).</summary>
    public string UploadPath(string key) =>
        key.Length == 32 && key.All(char.IsAsciiHexDigitLower) ? Path.Combine(_folder, $"upload-{key}") : throw new NotFoundException();

    public string RunPath(int importId) => Path.Combine(_folder, $"import-{importId}");

    public void Keep(string key, int importId) => File.Move(UploadPath(key), RunPath(importId), overwrite: true);

    public void Forget(int importId) => File.Delete(RunPath(importId));
}
